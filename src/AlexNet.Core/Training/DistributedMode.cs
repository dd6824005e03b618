namespace AlexNet.Core.Training;

/// <summary>Whether the trainer trains across processes (see <see cref="DistributedOptions.Mode"/>).</summary>
public enum DistributedMode
{
    /// <summary>Across processes when an MPI launcher started several (its environment says so), else in this process alone.</summary>
    Auto,

    /// <summary>In this process alone, even under a launcher.</summary>
    Off,

    /// <summary>Across the processes of MPI's world communicator, initialising MPI even without a launcher (a world of 1).</summary>
    Mpi,
}
