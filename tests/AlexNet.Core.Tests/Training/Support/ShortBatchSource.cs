using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>
/// A source that announces more batches than it yields, as a loader does when files it counted turn out unreadable and
/// are skipped: it passes on the first <c>yields</c> batches of an honest source, then stops.
/// </summary>
internal sealed class ShortBatchSource : IBatchSource, IDisposable
{
    private readonly InMemoryBatchSource _inner;
    private readonly int _yields;

    public ShortBatchSource(int samples, int batchSize, int yields, int channels = 1, int size = 8)
    {
        _inner = new InMemoryBatchSource(samples, batchSize, channels: channels, size: size);
        _yields = yields;
    }

    public int BatchesPerEpoch => _inner.BatchesPerEpoch;

    public long SamplesPerEpoch => _inner.SamplesPerEpoch;

    public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0) =>
        _inner.GetBatches(epoch, startBatch).Take(Math.Max(0, _yields - startBatch));

    public void Dispose() => _inner.Dispose();
}
