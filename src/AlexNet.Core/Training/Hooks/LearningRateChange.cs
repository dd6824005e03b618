namespace AlexNet.Core.Training.Hooks;

/// <summary>A learning-rate change seen by <see cref="LearningRateMonitorHook"/>.</summary>
public sealed class LearningRateChange
{
    internal LearningRateChange(long step, int epoch, double learningRate)
    {
        Step = step;
        Epoch = epoch;
        LearningRate = learningRate;
    }

    /// <summary>The 1-based global step that first used the rate.</summary>
    public long Step { get; }

    /// <summary>The epoch of that step (0-based).</summary>
    public int Epoch { get; }

    /// <summary>The rate.</summary>
    public double LearningRate { get; }
}
