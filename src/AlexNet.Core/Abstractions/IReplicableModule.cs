using static TorchSharp.torch;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// A model that can build a copy of its own architecture, so the <c>Trainer</c> can train it data-parallel
/// over <c>TrainerOptions.Devices</c>. The copy's weights do not matter: the trainer overwrites them with the
/// model's before every step. <c>AlexNetModel</c> implements it.
/// </summary>
public interface IReplicableModule
{
    /// <summary>A new module with the same architecture, parameter names and shapes, on the CPU.</summary>
    nn.Module<Tensor, Tensor> CreateReplica();
}
