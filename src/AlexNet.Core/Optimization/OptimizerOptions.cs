using System.Text.Json.Serialization;

namespace AlexNet.Core.Optimization;

/// <summary>
/// Optimizer settings (configuration section <c>Optimizer</c> of <c>TrainerOptions</c>): the settings every optimizer
/// reads, and one section per optimizer family holding only its own. Only the section of <see cref="Kind"/> is read;
/// every section is validated. The defaults are the 2012 paper's: SGD, learning rate 0.01, momentum 0.9, weight decay
/// 0.0005.
/// </summary>
public sealed class OptimizerOptions
{
    /// <summary>Which optimizer. Default <see cref="OptimizerKind.Sgd"/>.</summary>
    public OptimizerKind Kind { get; set; } = OptimizerKind.Sgd;

    /// <summary>Initial learning rate, &gt; 0. Default 0.01.</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>
    /// Weight decay, &gt;= 0: L2 added to the gradient for SGD and Adam, decoupled for AdamW. Default 0.0005 (the
    /// paper's; PyTorch's AdamW default is 0.01).
    /// </summary>
    public double WeightDecay { get; set; } = 0.0005;

    /// <summary>
    /// Layer-wise learning rate for fine-tuning: the parameters under <c>features.</c> (the convolutions) learn at
    /// <see cref="LearningRate"/> times this, the rest (the classifier) at <see cref="LearningRate"/>; schedules scale
    /// both alike. Finite, 0 or more. Default 1 (one rate for all).
    /// </summary>
    public double FeaturesLearningRateScale { get; set; } = 1.0;

    /// <summary>The settings of <see cref="OptimizerKind.Sgd"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SgdOptions Sgd { get; } = new();

    /// <summary>The settings of <see cref="OptimizerKind.Adam"/> and <see cref="OptimizerKind.AdamW"/>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public AdamOptions Adam { get; } = new();
}
