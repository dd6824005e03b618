namespace AlexNet.Core.Optimization;

/// <summary>The optimizer the trainer creates (TorchSharp's implementations).</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (the paper's choice).</summary>
    Sgd,

    /// <summary>Adam; <see cref="OptimizerOptions.WeightDecay"/> is added to the gradient (L2), as in torch.optim.Adam.</summary>
    Adam,

    /// <summary>AdamW: Adam with decoupled weight decay, as in torch.optim.AdamW.</summary>
    AdamW,
}
