using AlexNet.Core.Optimization;
using static System.FormattableString;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>The optimizer of a recipe.</summary>
/// <param name="Kind">SGD, Adam or AdamW.</param>
/// <param name="LearningRate">Initial learning rate.</param>
/// <param name="Momentum">SGD momentum (ignored by Adam).</param>
/// <param name="WeightDecay">L2 weight decay (decoupled for AdamW).</param>
public sealed record RecipeOptimizer(OptimizerKind Kind, double LearningRate, double Momentum, double WeightDecay)
{
    /// <summary>SGD with momentum and weight decay.</summary>
    public static RecipeOptimizer Sgd(double learningRate, double momentum, double weightDecay) => new(OptimizerKind.Sgd, learningRate, momentum, weightDecay);

    /// <summary>Adam without weight decay, betas (0.9, 0.999): <c>torch.optim.Adam(params, lr)</c>.</summary>
    public static RecipeOptimizer Adam(double learningRate) => new(OptimizerKind.Adam, learningRate, 0, 0);

    /// <summary>Adam and AdamW: the decay rates of the moment estimates. Default (0.9, 0.999), PyTorch's.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>The trainer's options for this optimizer, with <paramref name="learningRate"/> instead of the recipe's when given.</summary>
    public OptimizerOptions ToOptions(double? learningRate = null) => new()
    {
        Kind = Kind,
        LearningRate = learningRate ?? LearningRate,
        WeightDecay = WeightDecay,
        Sgd = { Momentum = Kind == OptimizerKind.Sgd ? Momentum : 0.9 },
        Adam = { Beta1 = Betas.Beta1, Beta2 = Betas.Beta2 },
    };

    /// <summary>For example "SGD lr 0.01, momentum 0.9, weight decay 0.0005".</summary>
    public override string ToString()
    {
        string text = Kind switch
        {
            OptimizerKind.Sgd => Invariant($"SGD lr {LearningRate}") + (Momentum > 0 ? Invariant($", momentum {Momentum}") : string.Empty),
            _ => Invariant($"{Kind} lr {LearningRate}") + (Betas == (0.9, 0.999) ? string.Empty : Invariant($", betas ({Betas.Beta1}, {Betas.Beta2})")),
        };
        return WeightDecay > 0 ? text + Invariant($", weight decay {WeightDecay}") : text;
    }
}
