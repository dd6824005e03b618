namespace AlexNet.Core.Training.Hooks;

/// <summary>A learning-rate change seen by <see cref="LearningRateMonitorHook"/>.</summary>
/// <param name="Step">The 1-based global step that first used the rate.</param>
/// <param name="Epoch">The epoch of that step (0-based).</param>
/// <param name="LearningRate">The rate.</param>
public readonly record struct LearningRateChange(long Step, int Epoch, double LearningRate);
