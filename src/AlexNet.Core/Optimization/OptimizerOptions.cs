namespace AlexNet.Core.Optimization;

/// <summary>
/// Optimizer settings (configuration section <c>Optimizer</c> of <c>TrainerOptions</c>). The defaults are the
/// 2012 paper's: SGD, learning rate 0.01, momentum 0.9, weight decay 0.0005.
/// </summary>
public sealed class OptimizerOptions
{
    /// <summary>Which optimizer. Default <see cref="OptimizerKind.Sgd"/>.</summary>
    public OptimizerKind Kind { get; set; } = OptimizerKind.Sgd;

    /// <summary>Initial learning rate, &gt; 0. Default 0.01.</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>SGD momentum in [0, 1). Default 0.9.</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>SGD dampening in [0, 1]; must be 0 with Nesterov. Default 0.</summary>
    public double Dampening { get; set; }

    /// <summary>SGD Nesterov momentum (needs a momentum &gt; 0). Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>
    /// Weight decay, &gt;= 0: L2 added to the gradient for SGD and Adam, decoupled for AdamW. Default 0.0005 (the
    /// paper's; PyTorch's AdamW default is 0.01).
    /// </summary>
    public double WeightDecay { get; set; } = 0.0005;

    /// <summary>Adam/AdamW beta1 in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Adam/AdamW beta2 in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Adam/AdamW epsilon, &gt; 0. Default 1e-8.</summary>
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>Adam/AdamW AMSGrad variant. Default false.</summary>
    public bool AmsGrad { get; set; }

    /// <summary>
    /// Layer-wise learning rate for fine-tuning: the parameters under <c>features.</c> (the convolutions) learn at
    /// <see cref="LearningRate"/> times this, the rest (the classifier) at <see cref="LearningRate"/>; schedules scale
    /// both alike. Finite, 0 or more. Default 1 (one rate for all).
    /// </summary>
    public double FeaturesLearningRateScale { get; set; } = 1.0;
}
