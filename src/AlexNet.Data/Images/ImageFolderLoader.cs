using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Validation;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Images;

/// <summary>
/// Mini-batches of an <see cref="ImageFolder"/> decoded batch by batch: the files of batch k are decoded in
/// parallel into uint8 images (resized and cropped per <see cref="ImageDecodeOptions"/>), then the transform
/// pipeline runs on the whole batch, as in <see cref="DataLoader"/>; by default the next batch is decoded on a
/// background thread while the current one is used. Only the batches in flight are held in memory, so the folder
/// may be of any size.
/// </summary>
/// <remarks>
/// Shuffling and augmentation use the same seeds as <see cref="DataLoader"/>: batch k of epoch e is the same
/// whether reached from batch 0 or directly, hence resumable mid-epoch. With
/// <see cref="ImageFolderOptions.SkipUnreadable"/>, a batch lacks its unreadable files (it may be smaller than
/// <see cref="BatchSize"/>; a batch with no readable file is not yielded) and the files are listed in
/// <see cref="ImageFolder.Unreadable"/>. <see cref="DataLoaderOptions.DatasetOnDevice"/> does not apply.
/// </remarks>
public sealed class ImageFolderLoader : IBatchSource
{
    private readonly ImageFolder _dataset;
    private readonly ITransform? _transform;
    private readonly ImageSpec _decodedSpec;
    private readonly Device _device;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly long _seed;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The folder dataset.</param>
    /// <param name="options">The settings; validated, then copied. <see cref="DataLoaderOptions.Prefetch"/> null means on (decoding overlaps the step).</param>
    /// <param name="transform">The pipeline applied to every decoded uint8 batch; null delivers the uint8 images.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The dataset has no full batch to yield, or the pipeline does not accept the decoded images.</exception>
    /// <exception cref="ImageDecodeException">No crop is set and the first image cannot be decoded (its size fixes the batches').</exception>
    public ImageFolderLoader(ImageFolder dataset, DataLoaderOptions options, ITransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        OptionsValidation.ThrowIfInvalid(new DataLoaderOptionsValidator(), options);
        _device = options.Device.Resolve("DataLoaderOptions.Device");
        _dataset = dataset;
        _decodedSpec = dataset.DecodedSpec();
        OutputSpec = transform?.GetOutputSpec(_decodedSpec) ?? _decodedSpec;
        _transform = transform;
        _batchSize = options.BatchSize;
        DropLast = options.DropLast;
        BatchesPerEpoch = DropLast ? dataset.Count / _batchSize : (dataset.Count + _batchSize - 1) / _batchSize;
        if (BatchesPerEpoch == 0)
        {
            throw new ArgumentException($"{dataset.Name}: {dataset.Count} images make no batch of {_batchSize} (DropLast {DropLast}).", nameof(dataset));
        }

        SamplesPerEpoch = DropLast ? (long)BatchesPerEpoch * _batchSize : dataset.Count;
        _shuffle = options.Shuffle;
        _seed = options.Seed;
        Prefetches = options.Prefetch ?? true;
    }

    /// <inheritdoc />
    public int BatchesPerEpoch { get; }

    /// <inheritdoc />
    public long SamplesPerEpoch { get; }

    /// <summary>Images per full batch.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Whether the last, smaller batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The spec of the decoded images, before the pipeline.</summary>
    public ImageSpec DecodedSpec => _decodedSpec;

    /// <summary>The spec of the images in the batches (after the pipeline).</summary>
    public ImageSpec OutputSpec { get; }

    /// <summary>Whether the next batch is decoded on a background thread while the current one is used.</summary>
    public bool Prefetches { get; }

    /// <summary>The dataset the batches come from.</summary>
    public ImageFolder Dataset => _dataset;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or <paramref name="startBatch"/> is outside [0, BatchesPerEpoch].</exception>
    public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (startBatch < 0 || startBatch > BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(startBatch), startBatch, $"startBatch must lie in [0, {BatchesPerEpoch}].");
        }

        IEnumerable<Batch> batches = Enumerate(epoch, startBatch);
        return Prefetches ? BatchPrefetcher.Prefetch(batches) : batches;
    }

    /// <summary>Batch <paramref name="batchIndex"/> of <paramref name="epoch"/> alone (the batch the enumeration yields); the caller owns it.</summary>
    public Batch GetBatch(int epoch, int batchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (batchIndex < 0 || batchIndex >= BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(batchIndex), batchIndex, $"batchIndex must lie in [0, {BatchesPerEpoch - 1}].");
        }

        return MakeBatch(EpochOrder(epoch), epoch, batchIndex)
            ?? throw new InvalidOperationException($"{_dataset.Name}: every file of batch {batchIndex} of epoch {epoch} is unreadable (see Dataset.Unreadable).");
    }

    /// <summary>The dataset indices epoch <paramref name="epoch"/> visits, in order.</summary>
    public int[] EpochOrder(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!_shuffle)
        {
            return Enumerable.Range(0, _dataset.Count).ToArray();
        }

        using var generator = new Generator(LoaderSeeds.ForShuffle(_seed, epoch));
        using Tensor order = randperm(_dataset.Count, ScalarType.Int64, CPU, generator: generator);
        return order.data<long>().Select(i => (int)i).ToArray();
    }

    private IEnumerable<Batch> Enumerate(int epoch, int startBatch)
    {
        int[] order = EpochOrder(epoch);
        for (int k = startBatch; k < BatchesPerEpoch; k++)
        {
            Batch? batch = MakeBatch(order, epoch, k);
            if (batch is not null)
            {
                yield return batch;
            }
        }
    }

    private Batch? MakeBatch(int[] order, int epoch, int batchIndex)
    {
        int start = batchIndex * _batchSize;
        int count = Math.Min(_batchSize, _dataset.Count - start);
        using var scope = NewDisposeScope();
        var (images, labels) = _dataset.DecodeBatch(new ArraySegment<int>(order, start, count), _decodedSpec);
        if (images.shape[0] == 0)
        {
            return null;
        }

        images = images.to(_device);
        labels = labels.to(_device);
        if (_transform is not null)
        {
            using var generator = new Generator(LoaderSeeds.ForBatch(_seed, epoch, batchIndex));
            images = _transform.Apply(images, generator);
        }

        return new Batch(images.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }
}
