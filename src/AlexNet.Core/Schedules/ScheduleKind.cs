namespace AlexNet.Core.Schedules;

/// <summary>The learning-rate schedule, with the semantics of the torch.optim.lr_scheduler class of the same name.</summary>
public enum ScheduleKind
{
    /// <summary>Constant learning rate.</summary>
    None,

    /// <summary>StepLR: multiply by <c>Gamma</c> every <c>StepSize</c> epochs (for example halve every 5 epochs).</summary>
    Step,

    /// <summary>MultiStepLR: multiply by <c>Gamma</c> at each epoch listed in <c>Milestones</c>.</summary>
    MultiStep,

    /// <summary>CosineAnnealingLR over all epochs, from the initial rate down to <c>MinLearningRate</c>.</summary>
    Cosine,

    /// <summary>OneCycleLR, stepped every batch over all epochs (optionally cycling momentum / beta1 inversely).</summary>
    OneCycle,

    /// <summary>ReduceLROnPlateau: multiply by <c>Factor</c> when <c>Monitor</c> stops improving (the paper divides by 10).</summary>
    ReduceOnPlateau,
}
