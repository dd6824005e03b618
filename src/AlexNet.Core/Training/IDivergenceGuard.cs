namespace AlexNet.Core.Training;

/// <summary>
/// A hook that acts on a bad training step itself: with one in <see cref="Trainer.Hooks"/> the trainer hands it the
/// problem (at the next batch end) instead of throwing a <see cref="TrainingDivergedException"/>,
/// and also watches for a finite loss above <see cref="DivergenceThreshold"/>. <c>NanGuardHook</c> implements it.
/// </summary>
internal interface IDivergenceGuard
{
    /// <summary>A finite batch loss above this counts as divergence too; positive infinity turns it off.</summary>
    double DivergenceThreshold { get; }
}
