namespace AlexNet.Core.Training;

/// <summary>What happens when a training step produces a NaN or infinite value, or a loss above the divergence threshold.</summary>
public enum NonFinitePolicy
{
    /// <summary>Throw a <see cref="TrainingDivergedException"/> (the trainer's default, without a NanGuardHook).</summary>
    Throw,

    /// <summary>Stop training cleanly: <see cref="Trainer.Fit"/> returns with Completed = false and the reason.</summary>
    Stop,

    /// <summary>Record the problem (NanGuardHook.Warnings) and train on.</summary>
    Warn,
}
