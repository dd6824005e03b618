namespace AlexNet.Core.Abstractions;

/// <summary>
/// Where a run continues: the epoch (0-based) and the batch within it. A checkpoint stores it, and
/// <see cref="IBatchSource.GetBatches"/> resumes from it exactly.
/// </summary>
/// <param name="Epoch">The epoch to run next (0-based); equals the epoch count when training is complete.</param>
/// <param name="Batch">The batch of that epoch to run next (0 at an epoch boundary).</param>
public readonly record struct TrainingPosition(int Epoch, int Batch);
