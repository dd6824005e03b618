using System;
using System.Collections.Generic;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>Fixed images and labels served in order, in batches of a given size (the same every epoch).</summary>
internal sealed class TensorBatchSource : IBatchSource
{
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly int _batchSize;

    public TensorBatchSource(Tensor images, Tensor labels, int batchSize)
    {
        _images = images;
        _labels = labels;
        _batchSize = batchSize;
    }

    public int BatchesPerEpoch => (int)((_images.shape[0] + _batchSize - 1) / _batchSize);

    public long SamplesPerEpoch => _images.shape[0];

    public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
    {
        for (int b = startBatch; b < BatchesPerEpoch; b++)
        {
            long start = (long)b * _batchSize;
            long length = Math.Min(_batchSize, SamplesPerEpoch - start);
            yield return new Batch(_images.narrow(0, start, length).clone().DetachFromDisposeScope(), _labels.narrow(0, start, length).clone().DetachFromDisposeScope());
        }
    }
}
