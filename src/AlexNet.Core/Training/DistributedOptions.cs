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

    /// <summary>
    /// How gradients travel between processes. Default <see cref="Training.GradientCompression.None"/> (float32).
    /// <see cref="Training.GradientCompression.BFloat16"/> halves the bytes of every allreduce: each value keeps 8
    /// significant bits (a relative rounding error of at most 2^-9 when cast and at each pairwise sum); the averaged
    /// gradient is the same bits on every rank, so the ranks' weights stay identical.
    /// </summary>
    public GradientCompression GradientCompression { get; set; } = GradientCompression.None;

    /// <summary>
    /// Whether batch norm layers normalise with the statistics of the global batch (PyTorch's SyncBatchNorm) instead of
    /// each process's local batch. Default false (local statistics, as PyTorch's DDP). When true, in training mode every
    /// BatchNorm1d/2d/3d's mean and variance are taken over the batches of all processes (one small allreduce per layer
    /// in the forward pass and one in the backward pass), the running statistics are updated with the global unbiased
    /// variance, and the gradients equal those of one process holding the whole batch. Evaluation uses the running
    /// statistics as usual. The layers are wrapped, not replaced: state-dict keys and checkpoints are unchanged.
    /// </summary>
    public bool SyncBatchNorm { get; set; }
}
