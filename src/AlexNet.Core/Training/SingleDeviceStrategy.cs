using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>Training on one device in one process: the model runs the whole batch.</summary>
internal sealed class SingleDeviceStrategy : Strategy
{
    private readonly Device[] _devices;

    /// <summary>Moves <paramref name="model"/> to <paramref name="device"/>.</summary>
    public SingleDeviceStrategy(nn.Module<Tensor, Tensor> model, Device device)
        : base(model, device)
    {
        _devices = new[] { device };
    }

    /// <inheritdoc />
    public override IReadOnlyList<Device> Devices => _devices;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        return forward(Model, input);
    }
}
