using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>
/// An in-memory image classification dataset in its compact form: uint8 images N x C x H x W, int64 labels N,
/// and the class names. This is what every reader produces and what the transforms and the loader consume.
/// </summary>
/// <remarks>The dataset owns its two tensors; disposing it disposes them.</remarks>
public sealed class ImageDataset : IImageDataset, IDisposable
{
    /// <summary>Creates a dataset that takes ownership of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    /// <param name="images">uint8 tensor N x C x H x W.</param>
    /// <param name="labels">int64 tensor N, each in [0, classes.Count).</param>
    /// <param name="classes">Class names, index = label.</param>
    /// <param name="name">A short name for messages and summaries, such as "CIFAR-10 train".</param>
    /// <exception cref="ArgumentException">A shape, dtype or label is not as described above.</exception>
    public ImageDataset(Tensor images, Tensor labels, IReadOnlyList<string> classes, string name)
        : this(images, labels, classes, name, checkLabels: true)
    {
    }

    /// <summary>
    /// Creates a dataset; <paramref name="checkLabels"/> false skips the label range check for labels that a reader or
    /// an earlier dataset has already checked (the shapes and dtypes are always checked).
    /// </summary>
    private ImageDataset(Tensor images, Tensor labels, IReadOnlyList<string> classes, string name, bool checkLabels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(name);
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
        {
            throw new ArgumentException($"{name}: images must be a uint8 tensor N x C x H x W; got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        }

        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
        {
            throw new ArgumentException($"{name}: labels must be an int64 tensor with one label per image ({images.shape[0]}); got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));
        }

        if (classes.Count == 0)
        {
            throw new ArgumentException($"{name}: at least one class name is required.", nameof(classes));
        }

        if (checkLabels && labels.shape[0] > 0)
        {
            long min = labels.min().item<long>();
            long max = labels.max().item<long>();
            if (min < 0 || max >= classes.Count)
            {
                throw new ArgumentException($"{name}: labels must lie in [0, {classes.Count - 1}]; found values from {min} to {max}.", nameof(labels));
            }
        }

        Images = images;
        Labels = labels;
        Classes = classes.ToArray();
        Name = name;
    }

    /// <summary>
    /// Creates the dataset a reader returns, named "<paramref name="datasetName"/> <paramref name="split"/>" (such as
    /// "CIFAR-10 train"), taking ownership of both tensors and disposing both when it cannot be created. The reader has
    /// range-checked the labels as it parsed them; they are not checked again.
    /// </summary>
    /// <exception cref="ArgumentException">A shape or dtype is not as the constructor requires.</exception>
    internal static ImageDataset Create(Tensor images, Tensor labels, IReadOnlyList<string> classes, string datasetName, DatasetSplit split) =>
        FromCheckedLabels(images, labels, classes, $"{datasetName} {split.ToString().ToLowerInvariant()}");

    /// <summary>
    /// Creates a dataset whose labels the caller has already range-checked (a reader, or a dataset they were read
    /// from), taking ownership of both tensors and disposing both when it cannot be created.
    /// </summary>
    /// <exception cref="ArgumentException">A shape or dtype is not as the constructor requires.</exception>
    internal static ImageDataset FromCheckedLabels(Tensor images, Tensor labels, IReadOnlyList<string> classes, string name)
    {
        try
        {
            return new ImageDataset(images, labels, classes, name, checkLabels: false);
        }
        catch
        {
            images.Dispose();
            labels.Dispose();
            throw;
        }
    }

    /// <summary>The images, uint8 N x C x H x W.</summary>
    public Tensor Images { get; }

    /// <summary>The labels, int64 N.</summary>
    public Tensor Labels { get; }

    /// <summary>The class names; label i names class <c>Classes[i]</c>.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>A short name for messages, such as "Fashion-MNIST train".</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public long Count => Images.shape[0];

    /// <summary>Channels per image.</summary>
    public long Channels => Images.shape[1];

    /// <summary>Image height in pixels.</summary>
    public long Height => Images.shape[2];

    /// <summary>Image width in pixels.</summary>
    public long Width => Images.shape[3];

    /// <summary>
    /// A new dataset holding copies of the images at <paramref name="indices"/> (in that order), for subsets and splits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public ImageDataset Select(IReadOnlyList<long> indices, string? name = null)
    {
        (Tensor images, Tensor labels) = ReadBatch(indices);
        return FromCheckedLabels(images, labels, Classes, name ?? $"{Name} (subset of {indices.Count})");
    }

    /// <inheritdoc />
    /// <remarks>The tensors are copies, on the device of <see cref="Images"/>; every index is read.</remarks>
    public (Tensor Images, Tensor Labels) ReadBatch(IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        foreach (long i in indices)
        {
            if (i < 0 || i >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"{Name}: index must lie in [0, {Count - 1}].");
            }
        }

        using var index = tensor(indices.ToArray(), dtype: ScalarType.Int64, device: Images.device);
        return (Images.index_select(0, index), Labels.index_select(0, index));
    }

    /// <summary>A copy of the dataset on <paramref name="device"/>, owned by the caller.</summary>
    internal ImageDataset CopyTo(Device device) => FromCheckedLabels(Images.to(device), Labels.to(device), Classes, Name);

    /// <summary>
    /// A new dataset holding <paramref name="count"/> images drawn at random without replacement, kept in dataset
    /// order: the same <paramref name="seed"/> gives the same images. For training or testing on part of a dataset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside [1, Count].</exception>
    public ImageDataset RandomSubset(int count, long seed)
    {
        if (count < 1 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{Name}: count must lie in [1, {Count}]; got {count}.");
        }

        long[] indices;
        using (NewDisposeScope())
        {
            using var generator = new Generator(unchecked((ulong)seed));
            indices = randperm(Count, generator: generator).narrow(0, 0, count).sort().Values.data<long>().ToArray();
        }

        return Select(indices, string.Create(CultureInfo.InvariantCulture, $"{Name} (subset of {count:N0})"));
    }

    /// <summary>Disposes the image and label tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
