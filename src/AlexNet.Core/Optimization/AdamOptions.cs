namespace AlexNet.Core.Optimization;

/// <summary>Settings of <see cref="OptimizerKind.Adam"/> and <see cref="OptimizerKind.AdamW"/>, as in torch.optim.Adam.</summary>
public sealed class AdamOptions
{
    /// <summary>beta1 in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>beta2 in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>epsilon, &gt; 0. Default 1e-8.</summary>
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>The AMSGrad variant. Default false.</summary>
    public bool AmsGrad { get; set; }
}
