using System.Text.Json.Serialization;

namespace AlexNet.Core.Schedules;

/// <summary>
/// Learning-rate schedule settings (configuration section <c>Schedule</c> of <c>TrainerOptions</c>): which schedule
/// (<see cref="Kind"/>) and one section per schedule holding only that schedule's settings. Only the section of
/// <see cref="Kind"/> is read; every section is validated. Names and defaults follow torch.optim.lr_scheduler.
/// </summary>
public sealed class LearningRateScheduleOptions
{
    /// <summary>Which schedule. Default <see cref="ScheduleKind.None"/> (constant).</summary>
    public ScheduleKind Kind { get; set; } = ScheduleKind.None;

    /// <summary>The settings of <see cref="ScheduleKind.Step"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public StepScheduleOptions Step { get; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.MultiStep"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public MultiStepScheduleOptions MultiStep { get; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.Cosine"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public CosineScheduleOptions Cosine { get; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.OneCycle"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public OneCycleScheduleOptions OneCycle { get; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.ReduceOnPlateau"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public ReduceOnPlateauScheduleOptions ReduceOnPlateau { get; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.WarmupCosine"/> and <see cref="ScheduleKind.WarmupLinear"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public WarmupScheduleOptions Warmup { get; } = new();

    /// <summary>
    /// Whether the optimizer is replaced at each decay: the <c>ResetOptimizerOnDecay</c> of the <see cref="Step"/> or
    /// <see cref="MultiStep"/> section when that is the <see cref="Kind"/>, else false.
    /// </summary>
    internal bool ResetsOptimizerOnDecay => Kind switch
    {
        ScheduleKind.Step => Step.ResetOptimizerOnDecay,
        ScheduleKind.MultiStep => MultiStep.ResetOptimizerOnDecay,
        _ => false,
    };
}
