using System;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The trainer's state as hooks see it: where the run is, what it has measured so far, and a handle on the trainer.
/// One instance per trainer, updated in place as training goes; do not keep values from it across calls, copy them.
/// </summary>
public sealed class TrainingState
{
    private readonly Func<ClassificationMetrics> _readTrainMetrics;
    private bool _trainMetricsFresh;

    internal TrainingState(Trainer trainer, Func<ClassificationMetrics> readTrainMetrics)
    {
        Trainer = trainer;
        _readTrainMetrics = readTrainMetrics;
    }

    /// <summary>The trainer (to save a checkpoint, evaluate, read the options).</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model => Trainer.Model;

    /// <summary>The trainer's options.</summary>
    public TrainerOptions Options => Trainer.Options;

    /// <summary>Whether training batches or the validation pass are running.</summary>
    public TrainingPhase Phase { get; internal set; }

    /// <summary>The current epoch, 0-based.</summary>
    public int Epoch { get; internal set; }

    /// <summary>The number of epochs configured.</summary>
    public int Epochs => Options.Epochs;

    /// <summary>Index of the current (or last finished) training batch within the epoch, 0-based.</summary>
    public int BatchIndex { get; internal set; }

    /// <summary>Training batches per epoch (from the training source).</summary>
    public int BatchesPerEpoch { get; internal set; }

    /// <summary>Training samples per epoch (from the training source).</summary>
    public long SamplesPerEpoch { get; internal set; }

    /// <summary>Number of images in the current batch.</summary>
    public long BatchSize { get; internal set; }

    /// <summary>Optimizer steps completed, across resumes.</summary>
    public long GlobalStep { get; internal set; }

    /// <summary>Where the run would continue if it stopped now (the next batch to run).</summary>
    public TrainingPosition Position { get; internal set; }

    /// <summary>The learning rate of the first parameter group, as used by the current step.</summary>
    public double LearningRate { get; internal set; }

    /// <summary>
    /// True in <see cref="TrainingHook.OnTrainBatchEnd"/> when this step's running metrics were just read back
    /// (every <see cref="TrainerOptions.LogInterval"/> steps and at the last batch of an epoch).
    /// </summary>
    public bool IsLogStep { get; internal set; }

    /// <summary>
    /// Running training metrics of the current epoch as last read back (at a log step or the epoch end); empty at the
    /// start of an epoch.
    /// </summary>
    public ClassificationMetrics TrainMetrics { get; internal set; } = ClassificationMetrics.Empty;

    /// <summary>The last validation pass's result, or null before the first one (or without a validation source).</summary>
    public EvaluationResult? Validation { get; internal set; }

    /// <summary>True when Fit was given a validation source.</summary>
    public bool HasValidation { get; internal set; }

    /// <summary>Per-epoch metrics so far (including epochs before a resume).</summary>
    public MetricsHistory History { get; internal set; } = new();

    /// <summary>The checkpoint this fit resumed from, or null for a fresh run.</summary>
    public string? ResumedFrom { get; internal set; }

    /// <summary>Why training is stopping (set before <see cref="TrainingHook.OnFitEnd"/>), or null.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>The exception Fit is failing with (set before <see cref="TrainingHook.OnException"/>), or null.</summary>
    public Exception? Exception { get; internal set; }

    /// <summary>The bad step found at this log step's read-back (for <c>NanGuardHook</c>), or null.</summary>
    internal TrainingDivergedException? Divergence { get; set; }

    /// <summary>
    /// True in the one process that writes checkpoints and logs (always, in one process); file-writing hooks should
    /// do nothing when it is false.
    /// </summary>
    public bool IsGlobalZero { get; internal set; } = true;

    /// <summary>The token Fit was given.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>
    /// Reads the running training metrics back now (one host synchronisation), stores them in
    /// <see cref="TrainMetrics"/> and returns them. Use sparingly: at log steps they are already fresh.
    /// </summary>
    public ClassificationMetrics RefreshTrainMetrics()
    {
        TrainMetrics = _readTrainMetrics();
        _trainMetricsFresh = true;
        return TrainMetrics;
    }

    /// <summary>
    /// <see cref="TrainMetrics"/> when it still holds the current running sums, otherwise
    /// <see cref="RefreshTrainMetrics"/> (one read-back).
    /// </summary>
    internal ClassificationMetrics CurrentTrainMetrics() => _trainMetricsFresh ? TrainMetrics : RefreshTrainMetrics();

    /// <summary>Called by the trainer before it changes the running sums: the next <see cref="CurrentTrainMetrics"/> reads them back.</summary>
    internal void MarkTrainMetricsStale() => _trainMetricsFresh = false;
}
