namespace AlexNet.Core.Schedules;

/// <summary>
/// The learning-rate schedule, with the semantics of the torch.optim.lr_scheduler class of the same name; each kind
/// reads its own section of <see cref="LearningRateScheduleOptions"/>.
/// </summary>
public enum ScheduleKind
{
    /// <summary>Constant learning rate.</summary>
    None,

    /// <summary>StepLR: multiply by <c>Gamma</c> every <c>StepSize</c> epochs (<see cref="LearningRateScheduleOptions.Step"/>).</summary>
    Step,

    /// <summary>MultiStepLR: multiply by <c>Gamma</c> at each epoch listed in <c>Milestones</c> (<see cref="LearningRateScheduleOptions.MultiStep"/>).</summary>
    MultiStep,

    /// <summary>CosineAnnealingLR over all epochs, down to <c>MinLearningRate</c> (<see cref="LearningRateScheduleOptions.Cosine"/>).</summary>
    Cosine,

    /// <summary>OneCycleLR, stepped every batch over all epochs (<see cref="LearningRateScheduleOptions.OneCycle"/>).</summary>
    OneCycle,

    /// <summary>ReduceLROnPlateau: multiply by <c>Factor</c> when <c>Monitor</c> stops improving (<see cref="LearningRateScheduleOptions.ReduceOnPlateau"/>).</summary>
    ReduceOnPlateau,

    /// <summary>Linear warmup, then cosine decay: SequentialLR(LinearLR, CosineAnnealingLR) (<see cref="LearningRateScheduleOptions.Warmup"/>).</summary>
    WarmupCosine,

    /// <summary>Linear warmup, then linear decay: SequentialLR(LinearLR, LinearLR) (<see cref="LearningRateScheduleOptions.Warmup"/>).</summary>
    WarmupLinear,
}
