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
    public StepScheduleOptions Step { get; set; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.MultiStep"/>.</summary>
    public MultiStepScheduleOptions MultiStep { get; set; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.Cosine"/>.</summary>
    public CosineScheduleOptions Cosine { get; set; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.OneCycle"/>.</summary>
    public OneCycleScheduleOptions OneCycle { get; set; } = new();

    /// <summary>The settings of <see cref="ScheduleKind.ReduceOnPlateau"/>.</summary>
    public ReduceOnPlateauScheduleOptions ReduceOnPlateau { get; set; } = new();

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
