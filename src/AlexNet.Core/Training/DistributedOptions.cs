namespace AlexNet.Core.Training;

/// <summary>
/// Training across processes over MPI (docs/distributed.md): each process trains its shard of every batch, the
/// gradients are averaged by allreduce, only rank 0 writes. Requires MPICH's <c>libmpich.so.12</c> (or an MPI with
/// its ABI) at run time when a distributed run starts.
/// </summary>
public sealed class DistributedOptions
{
    /// <summary>Whether and how to train across processes. Default <see cref="DistributedMode.Auto"/>.</summary>
    public DistributedMode Mode { get; set; } = DistributedMode.Auto;

    /// <summary>
    /// The size of one gradient bucket in MiB: the gradients are flattened into buffers of about this size and each
    /// is reduced by one allreduce. Default 25 (as PyTorch's DDP). At least 1.
    /// </summary>
    public int BucketSizeMegabytes { get; set; } = 25;

    /// <summary>
    /// How long one collective (allreduce, broadcast, allgather) may wait for the other processes before the run is
    /// aborted on every process, in seconds. Default 45. At least 1.
    /// </summary>
    public int CollectiveTimeoutSeconds { get; set; } = 45;
}
