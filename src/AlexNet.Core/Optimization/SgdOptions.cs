namespace AlexNet.Core.Optimization;

/// <summary>Settings of <see cref="OptimizerKind.Sgd"/>, as in torch.optim.SGD.</summary>
public sealed class SgdOptions
{
    /// <summary>Momentum in [0, 1). Default 0.9 (the paper's).</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>Dampening in [0, 1]; must be 0 with <see cref="Nesterov"/>. Default 0.</summary>
    public double Dampening { get; set; }

    /// <summary>Nesterov momentum (needs a <see cref="Momentum"/> &gt; 0 and no <see cref="Dampening"/>). Default false.</summary>
    public bool Nesterov { get; set; }
}
