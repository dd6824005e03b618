using System;
using System.Globalization;

namespace AlexNet.Core.Training.Hooks;

/// <summary>Wall-clock figures of one epoch, measured by <see cref="ThroughputHook"/>.</summary>
internal sealed class EpochTiming
{
    internal EpochTiming(int epoch, long trainSteps, long trainSamples, TimeSpan trainTime, long validationSamples, TimeSpan validationTime)
    {
        Epoch = epoch;
        TrainSteps = trainSteps;
        TrainSamples = trainSamples;
        TrainTime = trainTime;
        ValidationSamples = validationSamples;
        ValidationTime = validationTime;
    }

    /// <summary>The epoch, 0-based.</summary>
    public int Epoch { get; }

    /// <summary>Training steps run in this process during the epoch.</summary>
    public long TrainSteps { get; }

    /// <summary>Training images in those steps.</summary>
    public long TrainSamples { get; }

    /// <summary>Wall time of the training part (up to validation).</summary>
    public TimeSpan TrainTime { get; }

    /// <summary>Validation images.</summary>
    public long ValidationSamples { get; }

    /// <summary>Wall time of the validation pass.</summary>
    public TimeSpan ValidationTime { get; }

    /// <summary>Training images per second.</summary>
    public double TrainImagesPerSecond => TrainTime.TotalSeconds > 0 ? TrainSamples / TrainTime.TotalSeconds : 0;

    /// <summary>Validation images per second.</summary>
    public double ValidationImagesPerSecond => ValidationTime.TotalSeconds > 0 ? ValidationSamples / ValidationTime.TotalSeconds : 0;

    /// <summary>Mean wall time of one training step.</summary>
    public TimeSpan TimePerStep => TrainSteps > 0 ? TrainTime / TrainSteps : TimeSpan.Zero;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"epoch {Epoch}: train {TrainTime.TotalSeconds:F1} s, {TrainImagesPerSecond:N0} img/s, {TimePerStep.TotalMilliseconds:F1} ms/step; "
        + $"validation {ValidationTime.TotalSeconds:F1} s, {ValidationImagesPerSecond:N0} img/s");
}
