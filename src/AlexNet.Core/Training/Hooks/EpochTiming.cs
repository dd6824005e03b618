using System;
using System.Globalization;

namespace AlexNet.Core.Training.Hooks;

/// <summary>Wall-clock figures of one epoch, measured by <see cref="ThroughputHook"/>.</summary>
/// <param name="Epoch">The epoch, 0-based.</param>
/// <param name="TrainSteps">Training steps run in this process during the epoch.</param>
/// <param name="TrainSamples">Training images in those steps.</param>
/// <param name="TrainTime">Wall time of the training part (up to validation).</param>
/// <param name="ValidationSamples">Validation images.</param>
/// <param name="ValidationTime">Wall time of the validation pass.</param>
public sealed record EpochTiming(int Epoch, long TrainSteps, long TrainSamples, TimeSpan TrainTime, long ValidationSamples, TimeSpan ValidationTime)
{
    /// <summary>Training images per second.</summary>
    public double TrainImagesPerSecond => TrainTime.TotalSeconds > 0 ? TrainSamples / TrainTime.TotalSeconds : 0;

    /// <summary>Validation images per second.</summary>
    public double ValidationImagesPerSecond => ValidationTime.TotalSeconds > 0 ? ValidationSamples / ValidationTime.TotalSeconds : 0;

    /// <summary>Mean wall time of one training step.</summary>
    public TimeSpan TimePerStep => TrainSteps > 0 ? TrainTime / TrainSteps : TimeSpan.Zero;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"epoch {Epoch}: train {TrainTime.TotalSeconds:F1} s, {TrainImagesPerSecond:N0} img/s, {TimePerStep.TotalMilliseconds:F1} ms/step; validation {ValidationTime.TotalSeconds:F1} s, {ValidationImagesPerSecond:N0} img/s");
}
