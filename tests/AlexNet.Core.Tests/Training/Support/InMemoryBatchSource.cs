using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>
/// A small learnable dataset held in memory: each class has its own fixed pattern, every image is its class
/// pattern plus noise. Deterministic in (epoch, batch index) as IBatchSource requires: each epoch's order is a
/// Fisher-Yates shuffle seeded by (seed, epoch), independent of torch's random generators.
/// </summary>
internal sealed class InMemoryBatchSource : IBatchSource, IDisposable
{
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly int _batchSize;
    private readonly int _seed;
    private readonly bool _shuffle;

    public InMemoryBatchSource(int samples, int batchSize, int classes = 4, int seed = 1, int channels = 1, int size = 8, bool shuffle = true, bool asBytes = false)
    {
        var random = new Random(seed);
        var patterns = Enumerable.Range(0, classes)
            .Select(_ => Enumerable.Range(0, channels * size * size).Select(_ => random.NextDouble()).ToArray())
            .ToArray();
        int pixels = channels * size * size;
        var values = new float[samples * pixels];
        var labels = new long[samples];
        for (int i = 0; i < samples; i++)
        {
            int label = i % classes;
            labels[i] = label;
            for (int p = 0; p < pixels; p++)
            {
                double v = (0.7 * patterns[label][p]) + (0.3 * random.NextDouble());
                values[(i * pixels) + p] = asBytes ? (float)Math.Round(v * 255) : (float)v;
            }
        }

        using var floats = tensor(values, new long[] { samples, channels, size, size });
        _images = (asBytes ? floats.to(uint8) : floats.clone()).DetachFromDisposeScope();
        _labels = tensor(labels).DetachFromDisposeScope();
        _batchSize = batchSize;
        _seed = seed;
        _shuffle = shuffle;
        Classes = classes;
        SamplesPerEpoch = samples;
    }

    public int Classes { get; }

    public int BatchesPerEpoch => (int)((SamplesPerEpoch + _batchSize - 1) / _batchSize);

    public long SamplesPerEpoch { get; }

    /// <summary>Every batch handed out, in order (epoch, batch index), for tests that check what was consumed.</summary>
    public List<(int Epoch, int Batch)> Served { get; } = new();

    public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
    {
        long[] order = Order(epoch);
        for (int b = startBatch; b < BatchesPerEpoch; b++)
        {
            long[] indices = order.Skip(b * _batchSize).Take(_batchSize).ToArray();
            using var index = tensor(indices);
            Served.Add((epoch, b));
            yield return new Batch(_images.index_select(0, index).DetachFromDisposeScope(), _labels.index_select(0, index).DetachFromDisposeScope());
        }
    }

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
    }

    private long[] Order(int epoch)
    {
        long[] order = Enumerable.Range(0, (int)SamplesPerEpoch).Select(i => (long)i).ToArray();
        if (!_shuffle)
        {
            return order;
        }

        var random = new Random(HashCode.Combine(_seed, epoch));
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
