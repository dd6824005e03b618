using System.Globalization;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// Where a run continues: the epoch (0-based) and the batch within it. A checkpoint stores it, and
/// <see cref="IBatchSource.GetBatches"/> resumes from it exactly. Two positions are equal when their epochs and batches are.
/// </summary>
public readonly struct TrainingPosition
{
    /// <summary>The position at batch <paramref name="batch"/> of epoch <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch to run next (0-based).</param>
    /// <param name="batch">The batch of that epoch to run next (0 at an epoch boundary).</param>
    public TrainingPosition(int epoch, int batch)
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch to run next (0-based); equals the epoch count when training is complete.</summary>
    public int Epoch { get; }

    /// <summary>The batch of that epoch to run next (0 at an epoch boundary).</summary>
    public int Batch { get; }

    /// <summary>For example "TrainingPosition { Epoch = 2, Batch = 10 }".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"TrainingPosition {{ Epoch = {Epoch}, Batch = {Batch} }}");
}
