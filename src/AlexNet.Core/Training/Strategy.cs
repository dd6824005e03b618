using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Where and how training runs (as Lightning's strategies): the root device the model lives on, the devices the
/// batch is spread over, moving batches there, the forward over replicas, and the reductions across them.
/// </summary>
/// <remarks>
/// <para>The seam for a multi-process strategy (MPI): it overrides <see cref="Rank"/>, <see cref="WorldSize"/>,
/// <see cref="BroadcastInitialWeights"/>, <see cref="ReduceGradients"/> and <see cref="ReduceMetricSums"/>; in one
/// process they are 0, 1, a no-op, a no-op (one device) and the identity. Only the process with
/// <see cref="IsGlobalZero"/> writes checkpoints and logs.</para>
/// </remarks>
internal abstract class Strategy : IDisposable
{
    /// <summary>Moves <paramref name="model"/> to <paramref name="rootDevice"/>, where it stays.</summary>
    protected Strategy(nn.Module<Tensor, Tensor> model, Device rootDevice)
    {
        Model = model;
        RootDevice = rootDevice;
        Model.to(RootDevice);
    }

    /// <summary>The model (on <see cref="RootDevice"/>).</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The device the model, the loss and the metric sums live on.</summary>
    public Device RootDevice { get; }

    /// <summary>The devices of this process, <see cref="RootDevice"/> first.</summary>
    public abstract IReadOnlyList<Device> Devices { get; }

    /// <summary>This process's index among <see cref="WorldSize"/> processes (0 in one process).</summary>
    public virtual int Rank => 0;

    /// <summary>The number of training processes (1 in one process).</summary>
    public virtual int WorldSize => 1;

    /// <summary>True for the one process that writes checkpoints and logs.</summary>
    public bool IsGlobalZero => Rank == 0;

    /// <summary>
    /// The strategy for <paramref name="options"/>: data parallel over <see cref="TrainerOptions.Devices"/> when it
    /// lists several, else a single device, <paramref name="rootDevice"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Several devices, and the model cannot build replicas.</exception>
    public static Strategy Create(nn.Module<Tensor, Tensor> model, TrainerOptions options, Device rootDevice)
    {
        var mode = options.Distributed.Mode;
        if (mode == DistributedMode.Mpi || (mode == DistributedMode.Auto && DistributedLaunch.IsDistributed))
        {
            if (options.Devices.Count > 1)
            {
                throw new ArgumentException(
                    $"Distributed training uses one device per process, but TrainerOptions.Devices lists {options.Devices.Count}; "
                    + "set TrainerOptions.Device for each rank instead (for example cuda:RANK).", nameof(options));
            }

            var world = MpiCollectives.World;
            world.Watchdog.Timeout = TimeSpan.FromSeconds(options.Distributed.CollectiveTimeoutSeconds);
            return new DistributedStrategy(model, rootDevice, world, options.Distributed);
        }

        if (options.Devices.Count <= 1)
        {
            return new SingleDeviceStrategy(model, rootDevice);
        }

        var devices = options.Devices.Select((d, i) => d.Resolve($"TrainerOptions.Devices[{i}]")).ToArray();
        return new DataParallelStrategy(model, devices);
    }

    /// <summary>
    /// The root device of <paramref name="options"/>: the first of <see cref="TrainerOptions.Devices"/> when set, else
    /// <see cref="TrainerOptions.Device"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The device asked for is not available.</exception>
    public static Device ResolveRootDevice(TrainerOptions options) => options.Devices.Count > 0
        ? options.Devices[0].Resolve("TrainerOptions.Devices[0]")
        : options.Device.Resolve("TrainerOptions.Device");

    /// <summary>Makes every process start from the same weights (a no-op in one process).</summary>
    public virtual void BroadcastInitialWeights()
    {
    }

    /// <summary>
    /// The outputs for a training batch on <see cref="RootDevice"/>: <paramref name="forward"/> (the precision
    /// plugin's) applied to the model, or to each replica with its chunk.
    /// </summary>
    public abstract Tensor Forward(Tensor input, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor> forward);

    /// <summary>Brings the gradients of every replica and process into the model's (a no-op for one device).</summary>
    public virtual void ReduceGradients()
    {
    }

    /// <summary>
    /// Metric sums (a float64 or int64 tensor) added over processes: a collective, called by every process at the same
    /// points (the identity in one process).
    /// </summary>
    public virtual Tensor ReduceMetricSums(Tensor sums) => sums;

    /// <summary>
    /// Refuses to start when the processes disagree on any of <paramref name="items"/> (named values; a no-op, that
    /// never computes them, in one process).
    /// </summary>
    /// <exception cref="InvalidOperationException">A process differs from rank 0.</exception>
    public virtual void ThrowIfRanksDiffer(Func<IReadOnlyList<(string Name, long Value, bool IsNumber)>> items)
    {
    }

    /// <summary>Called when a fit fails on this process: in a distributed run it ends every process (a no-op in one process).</summary>
    public virtual void Fail(Exception exception)
    {
    }

    /// <summary><paramref name="tensor"/> on <see cref="RootDevice"/> (asynchronously to CUDA).</summary>
    public Tensor ToDevice(Tensor tensor) =>
        RootDevice.type == DeviceType.CUDA ? tensor.to(RootDevice, non_blocking: true) : tensor.to(RootDevice);

    /// <summary>Releases what the strategy built (never the model).</summary>
    public virtual void Dispose()
    {
    }
}
