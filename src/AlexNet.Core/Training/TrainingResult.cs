using System;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training;

/// <summary>What <see cref="Trainer.Fit"/> returns when it ends without an exception.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(bool completed, string? stopReason, TrainingPosition position, long globalStep, MetricsHistory history, FitTimes times)
    {
        Completed = completed;
        StopReason = stopReason;
        Position = position;
        GlobalStep = globalStep;
        History = history;
        Times = times;
    }

    /// <summary>True when every configured epoch ran; false when a hook stopped training.</summary>
    public bool Completed { get; }

    /// <summary>Why a hook stopped training (for example early stopping), or null when training completed.</summary>
    public string? StopReason { get; }

    /// <summary>Where a further run would continue.</summary>
    public TrainingPosition Position { get; }

    /// <summary>Optimizer steps taken in total (across resumes).</summary>
    public long GlobalStep { get; }

    /// <summary>Number of completed epochs recorded in the history.</summary>
    public int EpochsCompleted => History.Count;

    /// <summary>Per-epoch metrics, including those of the epochs before a resume.</summary>
    public MetricsHistory History { get; }

    /// <summary>The metrics of the last completed epoch, or null when none completed.</summary>
    public EpochMetrics? LastEpoch => History.Last;

    /// <summary>Wall-clock time of this Fit call.</summary>
    public TimeSpan Elapsed => Times.Total;

    /// <summary>Where the wall time of this Fit call went: waiting for data, steps, hooks, validation.</summary>
    public FitTimes Times { get; }
}
