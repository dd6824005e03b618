namespace AlexNet.Core.Training;

/// <summary>
/// A hook that writes checkpoints into a directory: <see cref="Trainer.Resume"/> looks for "last" and "best" in the
/// directory of the first such hook when no directory is given. <c>CheckpointHook</c> implements it.
/// </summary>
internal interface ICheckpointLocation
{
    /// <summary>The full path of the directory the checkpoints are written to.</summary>
    string Directory { get; }
}
