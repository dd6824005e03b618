using System;
using System.Collections.Generic;
using System.Text.Json;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Optimization;
using AlexNet.Core.Precision;
using AlexNet.Core.Schedules;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Training;

/// <summary>
/// Everything that configures a <see cref="Trainer"/>. A plain options class: bind it from configuration
/// (<c>services.AddAlexNetTraining(configuration.GetSection("Training"))</c>) or set it in code; it is validated by
/// <see cref="TrainerOptionsValidator"/> (the trainer validates it again when constructed).
/// </summary>
public sealed class TrainerOptions
{
    /// <summary>The configuration section name conventionally used for these options.</summary>
    public const string SectionName = "Training";

    /// <summary>Number of epochs to train, &gt;= 1. Default 10.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>
    /// Where to train: "auto" (CUDA when TorchSharp sees a GPU, else CPU), "cpu", "cuda" (GPU 0) or "cuda:N"; see
    /// <see cref="DeviceSpec"/> (a string converts to it, and configuration binds it from one). Default "auto". Batches
    /// from a source on another device are moved to this one.
    /// </summary>
    public DeviceSpec Device { get; set; } = DeviceSpec.Auto;

    /// <summary>
    /// Data parallel: train on several devices in one process ("cpu", "cuda" or "cuda:N" each, see <see cref="DeviceSpec"/>), for example
    /// ["cuda:0", "cuda:1"]. Empty (the default) trains on <see cref="Device"/> alone; when set, the model lives on the
    /// first entry (which replaces <see cref="Device"/>) and each batch is split across one replica per entry, as
    /// PyTorch's <c>nn.DataParallel</c> (batch norm: statistics per replica). The model must implement
    /// <see cref="IReplicableModule"/>. See docs/trainer.md, "Data parallel".
    /// </summary>
    public List<DeviceSpec> Devices { get; set; } = new();

    /// <summary>
    /// Numeric precision, with Lightning's names: "32-true" (default), "bf16-mixed" or "16-mixed" (CUDA only, with
    /// dynamic loss scaling); a string converts to it, and configuration binds it from one. Mixed keeps float32
    /// weights and optimizer state and runs convolutions and Linear layers in the low precision; the model must be an
    /// <c>AlexNetModel</c>, which the trainer runs layer by layer (the model itself is not changed). Training,
    /// Evaluate and Predict all use it. See <see cref="TrainingPrecision"/>.
    /// </summary>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.True32;

    /// <summary>
    /// Runs the convolutions in channels-last memory layout (N x H x W x C in memory; same values and shapes, so the
    /// state dict and the results are unchanged up to rounding), in training, Evaluate and Predict. The model must be
    /// an <c>AlexNetModel</c>. Default null: channels-last under a mixed precision ("bf16-mixed", "16-mixed"), whose
    /// low-precision convolutions run faster in it (1.08x to 1.23x per bf16 step on the CPU, docs/benchmarks.md), the
    /// default layout under "32-true"; true or false sets it for every precision.
    /// </summary>
    public bool? ChannelsLast { get; set; }

    /// <summary>Seed of the torch random generators, set when a fresh (not resumed) fit starts. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// Deterministic mode: seeds as above, turns TF32 off on CUDA and re-seeds the CUDA generator from
    /// (Seed, step) at every step. On the CPU a run is then bitwise reproducible; on CUDA some kernels stay
    /// non-deterministic (see docs/trainer.md). Default false.
    /// </summary>
    public bool Deterministic { get; set; }

    /// <summary>Steps between read-backs of the running training metrics (for progress and logging), &gt;= 1. Default 50.</summary>
    public int LogInterval { get; set; } = 50;

    /// <summary>The optimizer.</summary>
    public OptimizerOptions Optimizer { get; set; } = new();

    /// <summary>The learning-rate schedule.</summary>
    public LearningRateScheduleOptions Schedule { get; set; } = new();

    /// <summary>The loss.</summary>
    public LossOptions Loss { get; set; } = new();

    /// <summary>Gradient clipping.</summary>
    public GradientClippingOptions GradientClipping { get; set; } = new();

    /// <summary>
    /// Gradient accumulation, as Lightning's <c>accumulate_grad_batches</c>: the optimizer (and a per-step schedule)
    /// steps once every this many batches, &gt;= 1, on the sum of their losses each divided by it; the last window of
    /// an epoch may be shorter. Batch norm still normalises each batch with its own statistics. Default 1 (every batch).
    /// </summary>
    public int AccumulateGradientBatches { get; set; } = 1;

    /// <summary>An exponential moving average of the weights (timm's ModelEmaV2); off by default.</summary>
    public EmaOptions Ema { get; set; } = new();

    /// <summary>Mixup and CutMix of the training batches (off by default).</summary>
    public BatchMixingOptions Mixing { get; set; } = new();

    /// <summary>Training across processes (MPI); by default only when a launcher started several.</summary>
    public DistributedOptions Distributed { get; set; } = new();

    /// <summary>A deep copy of <paramref name="options"/> after validating it (through its JSON form, as checkpoints keep it).</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range (every failure is listed).</exception>
    internal static TrainerOptions ValidatedCopy(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(new TrainerOptionsValidator(), options);
        var json = JsonSerializer.Serialize(options, CheckpointMetadata.JsonOptions);
        return JsonSerializer.Deserialize<TrainerOptions>(json, CheckpointMetadata.JsonOptions)!;
    }
}
