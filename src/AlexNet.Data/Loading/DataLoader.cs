using System;
using System.Collections.Generic;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Validation;
using AlexNet.Data.Datasets;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Loading;

/// <summary>
/// Mini-batches of an <see cref="IImageDataset"/> (an in-memory <see cref="ImageDataset"/> or an image folder decoded
/// batch by batch): seeded shuffling (a new order each epoch), sharding across ranks, a transform pipeline applied to
/// whole batches on the delivery device, an optional device-resident copy of an in-memory dataset and background
/// prefetch of the next batch. Deterministic in (epoch, batch index), hence resumable mid-epoch (see
/// <see cref="IBatchSource"/> and <see cref="TrainingPosition"/>).
/// </summary>
/// <remarks>
/// <para>Randomness: the order of epoch e is a permutation drawn from a CPU generator seeded from (seed, e), split
/// across ranks as PyTorch's DistributedSampler (see <see cref="DataLoaderOptions.WorldSize"/>); the augmentation of
/// batch k of epoch e draws from a CPU generator seeded from (seed, e, k). Batch k is therefore the same whether it is
/// reached from batch 0 or directly, with or without prefetch, and on every device.</para>
/// <para>Unreadable items: when the dataset leaves out items it cannot read (an image folder with
/// <c>ImageFolderOptions.SkipUnreadable</c>), a batch lacks them and may be smaller than <see cref="BatchSize"/>. An epoch
/// yields exactly <see cref="BatchesPerEpoch"/> batches, each at its index (so a checkpoint's position stays true): a
/// batch none of whose items can be read raises an exception (an image folder's <c>ImageDecodeException</c>) instead of
/// being left out.</para>
/// <para>Per-image copy: on the CPU, when the dataset decodes its images one by one (an image folder) and the pipeline
/// begins with a RandomCrop without padding, a RandomHorizontalFlip, ToFloat or Normalize, those steps are done while each
/// decoded image is copied into the batch, with the same draws from the same generator, so the batch is bitwise the one
/// the whole pipeline gives; the rest of the pipeline is then applied to the batch.</para>
/// <para>Ownership: every yielded <see cref="Batch"/> belongs to the consumer, who disposes it; its tensors are in no
/// dispose scope. Batches prepared ahead but never handed over are disposed by the loader when the enumeration ends or
/// is abandoned (foreach disposes the enumerator). The loader does not own the dataset; disposing the loader frees only
/// its device-resident copy.</para>
/// </remarks>
public sealed class DataLoader : IBatchSource, IDisposable
{
    private readonly IImageDataset _dataset;
    private readonly ImageDataset? _deviceCopy;
    private readonly EpochSampler _sampler;
    private readonly ITransform? _transform;
    private readonly PerImageCopyPlan? _copyPlan;
    private readonly Device _device;
    private readonly int _batchSize;
    private readonly long _seed;
    private bool _disposed;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The dataset (uint8 images); it must outlive the loader.</param>
    /// <param name="options">The settings; validated, then copied (later changes to the object have no effect).</param>
    /// <param name="transform">The pipeline applied to every batch on the delivery device; null delivers the uint8 images as stored.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The dataset has no full batch to yield, or the pipeline does not accept its images (the message names the transform's argument).</exception>
    /// <exception cref="InvalidOperationException">A CUDA device was asked for but TorchSharp has no CUDA backend here.</exception>
    /// <remarks>Reading the dataset's image size may decode a file (an image folder without a crop); its decoding error then surfaces here.</remarks>
    public DataLoader(IImageDataset dataset, DataLoaderOptions options, ITransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        OptionsValidation.ThrowIfInvalid(new DataLoaderOptionsValidator(), options);
        _device = options.Device.Resolve("DataLoaderOptions.Device");
        var datasetSpec = new ImageSpec(ScalarType.Byte, dataset.Channels, dataset.Height, dataset.Width);
        OutputSpec = transform?.GetOutputSpec(datasetSpec) ?? datasetSpec;
        _batchSize = options.BatchSize;
        DropLast = options.DropLast;
        _sampler = new EpochSampler(dataset.Count, options.Shuffle, options.Seed, options.Rank, options.WorldSize, DropLast);
        long samples = _sampler.SamplesPerRank;
        BatchesPerEpoch = (int)(DropLast ? samples / _batchSize : (samples + _batchSize - 1) / _batchSize);
        if (BatchesPerEpoch == 0)
        {
            throw new ArgumentException($"{dataset.Name}: {dataset.Count} images make no batch of {_batchSize} (DropLast {DropLast}).", nameof(dataset));
        }

        SamplesPerEpoch = DropLast ? (long)BatchesPerEpoch * _batchSize : samples;
        _transform = transform;
        _seed = options.Seed;
        var inMemory = dataset as ImageDataset;
        Prefetches = options.Prefetch ?? (_device.type != DeviceType.CPU || inMemory is null);
        if (options.DatasetOnDevice && inMemory is not null && !IsOn(inMemory.Images, _device))
        {
            _deviceCopy = inMemory.CopyTo(_device);
        }

        _dataset = _deviceCopy ?? dataset;
        _copyPlan = _dataset is IPerImageCopyDataset && _device.type == DeviceType.CPU ? PerImageCopyPlan.TryCreate(transform, datasetSpec) : null;
    }

    /// <inheritdoc />
    public int BatchesPerEpoch { get; }

    /// <inheritdoc />
    public long SamplesPerEpoch { get; }

    /// <summary>Images per full batch.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Whether the last, smaller batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The spec of the images in the batches (after the pipeline).</summary>
    public ImageSpec OutputSpec { get; }

    /// <summary>Whether batches are prepared one ahead on a background thread (<see cref="DataLoaderOptions.Prefetch"/>).</summary>
    internal bool Prefetches { get; }

    /// <summary>
    /// Whether the pipeline's leading crop, flip and float conversion are done per image as the dataset copies its images
    /// (see the remarks).
    /// </summary>
    internal bool CopiesPerImage => _copyPlan is not null;

    /// <summary>The device batches are delivered on.</summary>
    public Device Device => _device;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or <paramref name="startBatch"/> is outside [0, BatchesPerEpoch].</exception>
    public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (startBatch < 0 || startBatch > BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(startBatch), startBatch, $"startBatch must lie in [0, {BatchesPerEpoch}].");
        }

        IEnumerable<Batch> batches = Enumerate(epoch, startBatch);
        return Prefetches ? BatchPrefetcher.Prefetch(batches) : batches;
    }

    /// <summary>The batches from <paramref name="position"/> (such as a checkpoint's) to the end of its epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative or the batch is outside [0, BatchesPerEpoch].</exception>
    public IEnumerable<Batch> GetBatches(TrainingPosition position) => GetBatches(position.Epoch, position.Batch);

    /// <summary>Batch <paramref name="batchIndex"/> of <paramref name="epoch"/> alone (the same batch the enumeration yields); the caller owns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or <paramref name="batchIndex"/> is outside [0, BatchesPerEpoch).</exception>
    /// <exception cref="InvalidOperationException">The dataset could read no item of the batch.</exception>
    public Batch GetBatch(int epoch, int batchIndex)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (batchIndex < 0 || batchIndex >= BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(batchIndex), batchIndex, $"batchIndex must lie in [0, {BatchesPerEpoch - 1}].");
        }

        return MakeBatch(_sampler.Indices(epoch), epoch, batchIndex) ?? throw NoReadableItem(epoch, batchIndex);
    }

    /// <summary>
    /// The number of samples batch <paramref name="batchIndex"/> of <paramref name="epoch"/> holds: worked out from the
    /// counts for an in-memory <see cref="ImageDataset"/> (every item reads); for other datasets (an image folder may skip
    /// unreadable files) the batch is read and counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or <paramref name="batchIndex"/> is outside [0, BatchesPerEpoch).</exception>
    public long CountSamples(int epoch, int batchIndex)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (batchIndex < 0 || batchIndex >= BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(batchIndex), batchIndex, $"batchIndex must lie in [0, {BatchesPerEpoch - 1}].");
        }

        if (_dataset is ImageDataset)
        {
            return Math.Min(_batchSize, _sampler.SamplesPerRank - ((long)batchIndex * _batchSize));
        }

        using Batch batch = GetBatch(epoch, batchIndex);
        return batch.Count;
    }

    /// <summary>
    /// The dataset indices epoch <paramref name="epoch"/> visits on this rank, in order (the whole epoch with a world
    /// size of 1), before <see cref="DropLast"/> drops a last partial batch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public long[] EpochOrder(int epoch) => _sampler.Indices(epoch);

    /// <summary>Frees the device-resident copy of the dataset, if one was made.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _deviceCopy?.Dispose();
    }

    private static bool IsOn(Tensor t, Device device) =>
        t.device_type == device.type && (device.index < 0 || t.device_index == device.index);

    private IEnumerable<Batch> Enumerate(int epoch, int startBatch)
    {
        long[] order = _sampler.Indices(epoch);
        for (int k = startBatch; k < BatchesPerEpoch; k++)
        {
            yield return MakeBatch(order, epoch, k) ?? throw NoReadableItem(epoch, k);
        }
    }

    private InvalidOperationException NoReadableItem(int epoch, int batchIndex) => new(
        $"{_dataset.Name}: no item of batch {batchIndex} of epoch {epoch} could be read (see the dataset's unreadable files); "
        + $"the loader yields every one of the {BatchesPerEpoch} batches it announces or fails.");

    /// <summary>Batch <paramref name="batchIndex"/> of the epoch whose order is <paramref name="order"/>, or null when no item of it could be read.</summary>
    private Batch? MakeBatch(long[] order, int epoch, int batchIndex)
    {
        using var scope = NewDisposeScope();
        int start = batchIndex * _batchSize;
        int count = Math.Min(_batchSize, order.Length - start);
        var indices = new ArraySegment<long>(order, start, count);
        using Generator? generator = _transform is null ? null : new Generator(LoaderSeeds.ForBatch(_seed, epoch, batchIndex));
        ITransform? transform = _copyPlan is null ? _transform : _copyPlan.Rest;
        (Tensor images, Tensor labels) = _copyPlan is null
            ? _dataset.ReadBatch(indices)
            : ((IPerImageCopyDataset)_dataset).ReadBatch(indices, _copyPlan, generator!);
        if (images.shape[0] == 0)
        {
            return null;
        }

        images = images.to(_device);
        labels = labels.to(_device);
        if (transform is not null)
        {
            images = transform.Apply(images, generator!);
        }

        return new Batch(images.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }
}
