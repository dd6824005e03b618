using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// What a <c>CheckpointHook</c> writes and when. With dependency injection they bind to the <c>Checkpoints</c> child of
/// the training section, and <c>TrainerFactory</c> adds the hook when <see cref="Directory"/> is set. Validated when
/// the hook is created and, with dependency injection, on start.
/// </summary>
public sealed class CheckpointOptions
{
    /// <summary>The directory of the checkpoint files (created when missing). Empty = no checkpoints. Default empty.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>Keep <c>last.ckpt</c>, the newest state, written at every save point. Default true.</summary>
    public bool SaveLast { get; set; } = true;

    /// <summary>
    /// The metric that decides <c>best.ckpt</c> (checked at epoch ends); empty = no best checkpoint.
    /// Default <c>val_loss</c>, which needs a validation source.
    /// </summary>
    public string Monitor { get; set; } = MetricNames.ValidationLoss;

    /// <summary>Whether <see cref="Monitor"/> improves downwards (a loss) or upwards (an accuracy). Default Min.</summary>
    public MetricMode Mode { get; set; } = MetricMode.Min;

    /// <summary>
    /// How many numbered snapshots (<c>epoch-0003-step-00001200.ckpt</c>) to keep besides last and best; the oldest
    /// are deleted. 0 = no snapshots. Default 0.
    /// </summary>
    public int KeepLast { get; set; }

    /// <summary>Save every this many epochs (at the epoch end, after validation); 0 = not by epoch. Default 1.</summary>
    public int EveryEpochs { get; set; } = 1;

    /// <summary>Save every this many optimizer steps (mid-epoch included); 0 = not by step. Default 0.</summary>
    public int EverySteps { get; set; }

    /// <summary>
    /// Save <c>last.ckpt</c> when training fails with an exception or is cancelled, so the run resumes from where it
    /// stopped. Default true.
    /// </summary>
    public bool SaveOnException { get; set; } = true;
}
