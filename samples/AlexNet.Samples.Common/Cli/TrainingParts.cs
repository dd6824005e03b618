using System.Text.Json.Nodes;
using AlexNet.Core.Schedules;
using AlexNet.Core.Training;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// The recipe parts the command line adds to a recipe (<c>--warmup-epochs</c>, <c>--label-smoothing</c>,
/// <c>--clip-grad-norm</c>, <c>--accumulate</c>, <c>--ema-decay</c>, <c>--lr-find</c>, <c>--sync-batch-norm</c>,
/// <c>--gradient-compression</c>); null means the recipe's own
/// setting. Stored with the run's settings, so <c>--resume</c> keeps them.
/// </summary>
public sealed record TrainingParts
{
    /// <summary>How <c>--dry-run</c> writes its JSON (indented, as <see cref="Recipes.RecipeDryRun"/>).</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions DryRunJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Epochs of linear warmup before a per-step cosine decay to 0, replacing the recipe's schedule; null keeps it.</summary>
    public int? WarmupEpochs { get; init; }

    /// <summary>Label smoothing of the cross-entropy loss, or null for none.</summary>
    public double? LabelSmoothing { get; init; }

    /// <summary>Clip the gradients' total L2 norm to this value, or null for no clipping.</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Accumulate the gradients of this many batches per optimizer step, or null for every batch.</summary>
    public int? Accumulate { get; init; }

    /// <summary>Keep a moving average of the weights with this decay, validate and report on it; null for none.</summary>
    public double? EmaDecay { get; init; }

    /// <summary>Under mpirun: batch norm with the global batch's statistics (DistributedOptions.SyncBatchNorm); null keeps the default.</summary>
    public bool? SyncBatchNorm { get; init; }

    /// <summary>Under mpirun: how gradients travel between ranks (DistributedOptions.GradientCompression); null keeps the default.</summary>
    public GradientCompression? GradientCompression { get; init; }

    /// <summary>Run the learning-rate range test, write lr-find.png and lr-find.csv, and exit without training (not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool LearningRateFind { get; init; }

    /// <summary>Applies the parts to <paramref name="options"/> (the recipe's trainer options).</summary>
    public void ApplyTo(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (WarmupEpochs is int warmup)
        {
            options.Schedule = new LearningRateScheduleOptions { Kind = ScheduleKind.WarmupCosine };
            options.Schedule.Warmup.WarmupEpochs = warmup;
            options.Schedule.Warmup.PerStep = true;
        }

        options.Loss.LabelSmoothing = LabelSmoothing ?? options.Loss.LabelSmoothing;
        options.GradientClipping.MaxNorm = ClipGradNorm ?? options.GradientClipping.MaxNorm;
        options.AccumulateGradientBatches = Accumulate ?? options.AccumulateGradientBatches;
        options.Distributed.SyncBatchNorm = SyncBatchNorm ?? options.Distributed.SyncBatchNorm;
        options.Distributed.GradientCompression = GradientCompression ?? options.Distributed.GradientCompression;
        if (EmaDecay is double decay)
        {
            options.Ema.Decay = decay;
            options.Ema.Validate = true;
        }
    }

    /// <summary>The parts as JSON, for <c>--dry-run</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["warmupEpochs"] = WarmupEpochs,
        ["scheduleAfterWarmup"] = WarmupEpochs is null ? null : "cosine per step to 0 (WarmupCosine)",
        ["labelSmoothing"] = LabelSmoothing,
        ["clipGradNorm"] = ClipGradNorm,
        ["accumulateGradientBatches"] = Accumulate,
        ["emaDecay"] = EmaDecay,
        ["lrFind"] = LearningRateFind,
        ["syncBatchNorm"] = SyncBatchNorm,
        ["gradientCompression"] = GradientCompression?.ToString(),
    };
}
