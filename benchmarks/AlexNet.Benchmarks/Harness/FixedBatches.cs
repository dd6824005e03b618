using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Harness;

/// <summary>
/// The same random float images (seed 42) and labels every epoch, in fixed batches; each batch is handed out as a fresh
/// copy, as a loader would. Used by the trainer-overhead and precision suites.
/// </summary>
internal sealed class FixedBatches : IBatchSource, IDisposable
{
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly int _batch;

    public FixedBatches(int steps, int batch, long[] imageShape)
    {
        using var generator = new Generator(42);
        _images = randn(new long[] { (long)steps * batch }.Concat(imageShape).ToArray(), generator: generator).DetachFromDisposeScope();
        _labels = randint(10, new long[] { (long)steps * batch }, generator: generator).DetachFromDisposeScope();
        _batch = batch;
        BatchesPerEpoch = steps;
    }

    public int BatchesPerEpoch { get; }

    public long SamplesPerEpoch => (long)BatchesPerEpoch * _batch;

    public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
    {
        for (int b = startBatch; b < BatchesPerEpoch; b++)
        {
            yield return new Batch(
                _images.narrow(0, (long)b * _batch, _batch).clone().DetachFromDisposeScope(),
                _labels.narrow(0, (long)b * _batch, _batch).clone().DetachFromDisposeScope());
        }
    }

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
    }
}
