using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Times every epoch: training and validation wall time, images per second and time per step; optionally writes a
/// line per epoch. The times are taken at the epoch's read-back points, where the device has caught up, so they are
/// true wall times also on CUDA.
/// </summary>
public sealed class ThroughputHook : TrainingHook
{
    private readonly TextWriter? _writer;
    private readonly List<EpochTiming> _epochs = new();
    private long _trainStart;
    private long _validationStart;
    private long _trainSamples;
    private long _trainSteps;
    private long _validationSamples;
    private TimeSpan _trainTime;
    private TimeSpan _validationTime;

    /// <summary>Creates the hook; with <paramref name="writer"/>, writes one line per epoch.</summary>
    public ThroughputHook(TextWriter? writer = null)
    {
        _writer = writer;
    }

    /// <summary>The timings of the epochs run by this process (not restored on resume: timings are not reproducible).</summary>
    public IReadOnlyList<EpochTiming> Epochs => _epochs;

    /// <inheritdoc />
    public override void OnTrainEpochStart(TrainingState state)
    {
        _trainStart = Stopwatch.GetTimestamp();
        _trainSamples = 0;
        _trainSteps = 0;
        _validationSamples = 0;
        _validationTime = TimeSpan.Zero;
        _trainTime = TimeSpan.Zero;
    }

    /// <inheritdoc />
    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        ArgumentNullException.ThrowIfNull(state);
        _trainSamples += state.BatchSize;
        _trainSteps++;
        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override void OnValidationStart(TrainingState state)
    {
        _trainTime = Stopwatch.GetElapsedTime(_trainStart);
        _validationStart = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public override void OnValidationBatchEnd(TrainingState state, BatchOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _validationSamples += output.Batch.Count;
    }

    /// <inheritdoc />
    public override HookControl OnValidationEnd(TrainingState state)
    {
        _validationTime = Stopwatch.GetElapsedTime(_validationStart);
        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_trainTime == TimeSpan.Zero)
        {
            _trainTime = Stopwatch.GetElapsedTime(_trainStart) - _validationTime;
        }

        var timing = new EpochTiming(state.Epoch, _trainSteps, _trainSamples, _trainTime, _validationSamples, _validationTime);
        _epochs.Add(timing);
        _writer?.WriteLine(timing.ToString());
        return HookControl.Continue;
    }
}

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
