using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using AlexNet.Core.Abstractions;

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
    internal IReadOnlyList<EpochTiming> Epochs => _epochs;

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
        if (!state.HasValidation)
        {
            // No validation pass set the training time at its start: training ran up to this epoch end.
            _trainTime = Stopwatch.GetElapsedTime(_trainStart);
        }

        var timing = new EpochTiming(state.Epoch, _trainSteps, _trainSamples, _trainTime, _validationSamples, _validationTime);
        _epochs.Add(timing);
        _writer?.WriteLine(timing.ToString());
        return HookControl.Continue;
    }
}
