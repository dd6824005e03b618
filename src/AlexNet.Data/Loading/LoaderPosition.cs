using System;

namespace AlexNet.Data.Loading;

/// <summary>
/// Where a run stands in its data: the epoch and the index of the next batch. Because a <see cref="DataLoader"/> is
/// deterministic in (epoch, batch index), saving this pair is enough to resume mid-epoch with exactly the batches an
/// uninterrupted run would have seen.
/// </summary>
public sealed record LoaderPosition
{
    /// <summary>Creates a position.</summary>
    /// <param name="epoch">The epoch, from 0.</param>
    /// <param name="batchIndex">The index of the next batch within the epoch, from 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public LoaderPosition(int epoch, int batchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(batchIndex);
        Epoch = epoch;
        BatchIndex = batchIndex;
    }

    /// <summary>The start of training: epoch 0, batch 0.</summary>
    public static LoaderPosition Start { get; } = new(0, 0);

    /// <summary>The epoch, from 0.</summary>
    public int Epoch { get; }

    /// <summary>The index of the next batch within the epoch.</summary>
    public int BatchIndex { get; }

    /// <summary>The position after one more batch, moving to the next epoch after the last batch.</summary>
    /// <param name="batchesPerEpoch">Batches per epoch of the loader (<see cref="DataLoader.BatchesPerEpoch"/>).</param>
    public LoaderPosition Next(int batchesPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerEpoch, 1);
        return BatchIndex + 1 >= batchesPerEpoch ? new LoaderPosition(Epoch + 1, 0) : new LoaderPosition(Epoch, BatchIndex + 1);
    }

    /// <summary>For example "epoch 3, batch 120".</summary>
    public override string ToString() => $"epoch {Epoch}, batch {BatchIndex}";
}
