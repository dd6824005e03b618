namespace AlexNet.Core.Training;

/// <summary>Where a fit currently is.</summary>
public enum TrainingPhase
{
    /// <summary>Not fitting (before the first epoch or after the last).</summary>
    Idle,

    /// <summary>Running training batches.</summary>
    Train,

    /// <summary>Running the validation pass at the end of an epoch.</summary>
    Validation,
}
