using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Data parallel in one process, as PyTorch's <c>nn.DataParallel</c>: the model on the first device plus one
/// replica on each further device, in one process. <see cref="Forward"/> copies the model's weights and buffers into the replicas,
/// splits the batch into one chunk per device (the first chunks one image larger when it does not divide), runs
/// each chunk on its device and gathers the outputs on the first device with autograd, so one loss over the whole
/// batch backpropagates into every replica. <see cref="ReduceGradients"/> then adds the replicas' gradients to the
/// model's, and the optimizer steps the model alone.
/// </summary>
/// <remarks>
/// Batch norm behaves as in <c>nn.DataParallel</c>: each replica normalises its chunk with its own chunk's
/// statistics, and only the first device's running statistics (the model's own buffers) are kept; the replicas'
/// are overwritten at the next step.
/// </remarks>
internal sealed class DataParallelStrategy : Strategy
{
    private readonly Device[] _devices;
    private readonly nn.Module<Tensor, Tensor>[] _replicas;
    private readonly Parameter[] _modelParameters;
    private readonly Parameter[][] _replicaParameters;
    private readonly Tensor[] _modelBuffers;
    private readonly Tensor[][] _replicaBuffers;

    /// <summary>Moves <paramref name="model"/> to <paramref name="devices"/>[0] and builds a replica of it on each further device.</summary>
    /// <exception cref="ArgumentException">The model cannot build replicas, or a replica's parameters differ from the model's.</exception>
    public DataParallelStrategy(nn.Module<Tensor, Tensor> model, IReadOnlyList<Device> devices)
        : base(model, devices[0])
    {
        if (model is not IReplicableModule replicable)
        {
            throw new ArgumentException(
                $"TrainerOptions.Devices lists {devices.Count} devices, but the model {model.GetType().Name} does not implement IReplicableModule, " +
                "so the trainer cannot build its replicas.",
                nameof(model));
        }

        _devices = devices.ToArray();
        _modelParameters = model.named_parameters().Select(p => p.parameter).ToArray();
        _modelBuffers = model.named_buffers().Select(b => b.buffer).ToArray();
        var names = model.named_parameters().Select(p => (p.name, Shape: string.Join("x", p.parameter.shape))).ToArray();
        _replicas = new nn.Module<Tensor, Tensor>[_devices.Length - 1];
        _replicaParameters = new Parameter[_replicas.Length][];
        _replicaBuffers = new Tensor[_replicas.Length][];
        for (int i = 0; i < _replicas.Length; i++)
        {
            var replica = replicable.CreateReplica();
            replica.to(_devices[i + 1]);
            var replicaNames = replica.named_parameters().Select(p => (p.name, Shape: string.Join("x", p.parameter.shape))).ToArray();
            if (!replicaNames.SequenceEqual(names))
            {
                throw new ArgumentException($"{model.GetType().Name}.CreateReplica built a module whose parameters differ from the model's.", nameof(model));
            }

            _replicas[i] = replica;
            _replicaParameters[i] = replica.named_parameters().Select(p => p.parameter).ToArray();
            _replicaBuffers[i] = replica.named_buffers().Select(b => b.buffer).ToArray();
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<Device> Devices => _devices;

    /// <summary>
    /// Copies the weights in, runs <paramref name="forward"/> on chunk i of <paramref name="input"/> on device i, and
    /// returns the outputs concatenated on the first device (autograd connects them to every replica). A batch
    /// smaller than the device count uses the first devices only.
    /// </summary>
    public override Tensor Forward(Tensor input, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(forward);
        Broadcast();
        long count = Math.Min(input.shape[0], _devices.Length);
        var chunks = input.tensor_split(count, 0);
        var outputs = new Tensor[count];
        outputs[0] = forward(Model, chunks[0]);
        for (int i = 1; i < count; i++)
        {
            var replica = _replicas[i - 1];
            outputs[i] = forward(replica, chunks[i].to(_devices[i])).to(_devices[0]);
        }

        return count == 1 ? outputs[0] : torch.cat(outputs, 0);
    }

    /// <summary>Adds every replica's gradients to the model's (on the first device) and clears the replicas' gradients.</summary>
    public override void ReduceGradients()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        for (int r = 0; r < _replicas.Length; r++)
        {
            for (int p = 0; p < _modelParameters.Length; p++)
            {
                if (_replicaParameters[r][p].grad is not { } replicaGrad)
                {
                    continue;
                }

                var target = _modelParameters[p];
                var onFirst = replicaGrad.to(_devices[0]);
                if (target.grad is { } grad)
                {
                    grad.add_(onFirst);
                }
                else
                {
                    target.grad = onFirst.clone().MoveToOuterDisposeScope();
                }
            }

            _replicas[r].zero_grad();
        }
    }

    /// <summary>Disposes the replicas (the model stays).</summary>
    public override void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }
    }

    private void Broadcast()
    {
        using var noGrad = torch.no_grad();
        for (int r = 0; r < _replicas.Length; r++)
        {
            _replicas[r].train(Model.training);
            for (int p = 0; p < _modelParameters.Length; p++)
            {
                _replicaParameters[r][p].copy_(_modelParameters[p]);
            }

            for (int b = 0; b < _modelBuffers.Length; b++)
            {
                _replicaBuffers[r][b].copy_(_modelBuffers[b]);
            }
        }
    }
}
