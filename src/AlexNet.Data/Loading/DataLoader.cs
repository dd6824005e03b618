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
/// Mini-batches of an <see cref="ImageDataset"/>: seeded shuffling (a new order each epoch), a transform pipeline
/// applied to whole batches on the delivery device, an optional device-resident copy of the dataset and background
/// prefetch of the next batch. Deterministic in (epoch, batch index), hence resumable mid-epoch (see
/// <see cref="IBatchSource"/> and <see cref="LoaderPosition"/>).
/// </summary>
/// <remarks>
/// <para>Randomness: the order of epoch e is a permutation drawn from a CPU generator seeded from (seed, e); the
/// augmentation of batch k of epoch e draws from a CPU generator seeded from (seed, e, k). Batch k is therefore the same
/// whether it is reached from batch 0 or directly, with or without prefetch, and on every device.</para>
/// <para>Ownership: every yielded <see cref="Batch"/> belongs to the consumer, who disposes it; its tensors are in no
/// dispose scope. Batches prepared ahead but never handed over are disposed by the loader when the enumeration ends or
/// is abandoned (foreach disposes the enumerator). The loader does not own the dataset; disposing the loader frees only
/// its device-resident copy.</para>
/// </remarks>
public sealed class DataLoader : IBatchSource, IDisposable
{
    private readonly ITransform? _transform;
    private readonly Device _device;
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly bool _ownsCopies;
    private readonly long _count;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly long _seed;
    private readonly bool _prefetch;
    private bool _disposed;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The dataset (uint8 images); it must outlive the loader.</param>
    /// <param name="options">The settings; validated, then copied (later changes to the object have no effect).</param>
    /// <param name="transform">The pipeline applied to every batch on the delivery device; null delivers the uint8 images as stored.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The dataset has no full batch to yield, or the pipeline does not accept its images (the message names the transform's argument).</exception>
    /// <exception cref="InvalidOperationException">A CUDA device was asked for but TorchSharp has no CUDA backend here.</exception>
    public DataLoader(ImageDataset dataset, DataLoaderOptions options, ITransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        OptionsValidation.ThrowIfInvalid(new DataLoaderOptionsValidator(), options);
        _device = options.Device.Resolve("DataLoaderOptions.Device");
        var datasetSpec = new ImageSpec(dataset.Images.dtype, dataset.Channels, dataset.Height, dataset.Width);
        OutputSpec = transform?.GetOutputSpec(datasetSpec) ?? datasetSpec;
        _count = dataset.Count;
        _batchSize = options.BatchSize;
        DropLast = options.DropLast;
        BatchesPerEpoch = (int)(DropLast ? _count / _batchSize : (_count + _batchSize - 1) / _batchSize);
        if (BatchesPerEpoch == 0)
        {
            throw new ArgumentException($"{dataset.Name}: {_count} images make no batch of {_batchSize} (DropLast {DropLast}).", nameof(dataset));
        }

        SamplesPerEpoch = DropLast ? (long)BatchesPerEpoch * _batchSize : _count;
        _transform = transform;
        _shuffle = options.Shuffle;
        _seed = options.Seed;
        _prefetch = options.Prefetch ?? _device.type != DeviceType.CPU;
        bool copy = options.DatasetOnDevice && !IsOn(dataset.Images, _device);
        _images = copy ? dataset.Images.to(_device) : dataset.Images;
        _labels = copy ? dataset.Labels.to(_device) : dataset.Labels;
        _ownsCopies = copy;
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
    public bool Prefetches => _prefetch;

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
        return _prefetch ? BatchPrefetcher.Prefetch(batches) : batches;
    }

    /// <summary>The batches from <paramref name="position"/> to the end of its epoch.</summary>
    public IEnumerable<Batch> GetBatches(LoaderPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return GetBatches(position.Epoch, position.BatchIndex);
    }

    /// <summary>Batch <paramref name="batchIndex"/> of <paramref name="epoch"/> alone (the same batch the enumeration yields); the caller owns it.</summary>
    public Batch GetBatch(int epoch, int batchIndex)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (batchIndex < 0 || batchIndex >= BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(batchIndex), batchIndex, $"batchIndex must lie in [0, {BatchesPerEpoch - 1}].");
        }

        using Tensor order = EpochOrder(epoch);
        return MakeBatch(order, epoch, batchIndex);
    }

    /// <summary>The dataset indices epoch <paramref name="epoch"/> visits, in order (int64, CPU); the caller owns the tensor.</summary>
    public Tensor EpochOrder(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!_shuffle)
        {
            return arange(_count, dtype: ScalarType.Int64);
        }

        using var generator = new Generator(LoaderSeeds.ForShuffle(_seed, epoch));
        return randperm(_count, ScalarType.Int64, CPU, generator: generator);
    }

    /// <summary>Frees the device-resident copy of the dataset, if one was made.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsCopies)
        {
            _images.Dispose();
            _labels.Dispose();
        }
    }

    private static bool IsOn(Tensor t, Device device) =>
        t.device_type == device.type && (device.index < 0 || t.device_index == device.index);

    private IEnumerable<Batch> Enumerate(int epoch, int startBatch)
    {
        using Tensor order = EpochOrder(epoch);
        for (int k = startBatch; k < BatchesPerEpoch; k++)
        {
            yield return MakeBatch(order, epoch, k);
        }
    }

    private Batch MakeBatch(Tensor order, int epoch, int batchIndex)
    {
        using var scope = NewDisposeScope();
        long start = (long)batchIndex * _batchSize;
        long count = Math.Min(_batchSize, _count - start);
        Tensor indices = order.narrow(0, start, count).to(_images.device);
        Tensor images = _images.index_select(0, indices).to(_device);
        Tensor labels = _labels.index_select(0, indices).to(_device);
        if (_transform is not null)
        {
            using var generator = new Generator(LoaderSeeds.ForBatch(_seed, epoch, batchIndex));
            images = _transform.Apply(images, generator);
        }

        return new Batch(images.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }
}
