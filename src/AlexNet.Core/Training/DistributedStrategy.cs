using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Data parallel across processes (PyTorch's DDP semantics): one device per process, rank 0's weights and buffers
/// broadcast when a fit starts, gradients averaged by an in-place allreduce per bucket (<see cref="GradientBuckets"/>),
/// metric sums added over processes, batch norm with each process's local statistics (or the global batch's with
/// <see cref="DistributedOptions.SyncBatchNorm"/>, see <see cref="SyncBatchNorm"/>). Each process must load its
/// own shard of every batch (DataLoaderOptions.Rank and WorldSize). A process whose fit throws prints its rank and
/// error and aborts every process (<see cref="Fail"/>), so no peer waits forever.
/// </summary>
internal sealed class DistributedStrategy : Strategy
{
    private readonly Device[] _devices;
    private readonly ICollectives _collectives;
    private readonly GradientBuckets _buckets;
    private readonly Tensor[] _buffers;
    private readonly SyncBatchNorm? _syncBatchNorm;

    /// <summary>Moves <paramref name="model"/> to <paramref name="device"/> and buckets its trainable parameters.</summary>
    public DistributedStrategy(nn.Module<Tensor, Tensor> model, Device device, ICollectives collectives, DistributedOptions options)
        : base(model, device)
    {
        _devices = new[] { device };
        _collectives = collectives;
        var trainable = model.parameters().Where(p => p.requires_grad).ToArray();
        _buckets = new GradientBuckets(trainable, (long)options.BucketSizeMegabytes * 1024 * 1024, options.GradientCompression);
        _buffers = model.buffers().ToArray();
        _syncBatchNorm = options.SyncBatchNorm ? new SyncBatchNorm(model, collectives) : null;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Device> Devices => _devices;

    /// <inheritdoc />
    public override int Rank => _collectives.Rank;

    /// <inheritdoc />
    public override int WorldSize => _collectives.WorldSize;

    /// <summary>How many allreduce calls a step makes.</summary>
    public int BucketCount => _buckets.Count;

    /// <inheritdoc />
    /// <remarks>
    /// Before each training forward, rank 0's buffers (batch norm's running statistics) are broadcast, packed in one
    /// call, as DDP does with <c>broadcast_buffers</c>: every rank then holds rank 0's statistics (each rank still
    /// normalises its batch with its local batch statistics).
    /// </remarks>
    public override Tensor Forward(Tensor input, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        if (_buffers.Length > 0)
        {
            BroadcastPacked(_buffers);
        }

        var output = forward(Model, input);
        _syncBatchNorm?.ThrowIfBypassed();
        return output;
    }

    /// <summary>Replaces every parameter and buffer with rank 0's (staged through host memory).</summary>
    public override void BroadcastInitialWeights()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (_, tensor) in Model.state_dict())
        {
            var host = tensor.detach().to(CPU, copy: true).contiguous();
            _collectives.Broadcast(host.bytes, 0);
            tensor.copy_(host);
        }
    }

    /// <inheritdoc />
    public override void ReduceGradients() => _buckets.AllReduceMean(_collectives);

    /// <inheritdoc />
    public override Tensor ReduceMetricSums(Tensor sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var element = sums.dtype switch
        {
            ScalarType.Float64 => ReduceElement.Float64,
            ScalarType.Int64 => ReduceElement.Int64,
            _ => throw new ArgumentException($"Metric sums are float64 or int64; got {sums.dtype}.", nameof(sums)),
        };
        var host = sums.device_type == DeviceType.CPU && sums.is_contiguous() ? sums : sums.to(CPU).contiguous();
        _collectives.AllReduceSum(host.bytes, element);
        return host;
    }

    /// <inheritdoc />
    public override void ThrowIfRanksDiffer(Func<IReadOnlyList<(string Name, long Value, bool IsNumber)>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        RankAgreement.ThrowIfRanksDiffer(_collectives, items());
    }

    /// <summary>Prints this rank's error and aborts every process of the run with exit code 1; does not return.</summary>
    public override void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Console.Error.WriteLine(
            $"AlexNet distributed: rank {Rank} of {WorldSize} failed: {exception.GetType().Name}: {exception.Message}{Environment.NewLine}{exception}");
        Console.Error.WriteLine($"AlexNet distributed: aborting all {WorldSize} ranks because rank {Rank} failed.");
        _collectives.Abort(1);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _buckets.Dispose();
        _syncBatchNorm?.Dispose();
    }

    /// <summary>Replaces <paramref name="tensors"/> with rank 0's, in one broadcast of their bytes packed together.</summary>
    private void BroadcastPacked(Tensor[] tensors)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var hosts = tensors.Select(t => t.detach().to(CPU, copy: true).contiguous()).ToArray();
        var packed = new byte[hosts.Sum(h => checked((int)(h.numel() * h.element_size())))];
        int offset = 0;
        foreach (var host in hosts)
        {
            var bytes = host.bytes;
            bytes.CopyTo(packed.AsSpan(offset));
            offset += bytes.Length;
        }

        _collectives.Broadcast(packed, 0);
        offset = 0;
        for (int i = 0; i < hosts.Length; i++)
        {
            var bytes = hosts[i].bytes;
            packed.AsSpan(offset, bytes.Length).CopyTo(bytes);
            offset += bytes.Length;
            tensors[i].copy_(hosts[i]);
        }
    }
}
