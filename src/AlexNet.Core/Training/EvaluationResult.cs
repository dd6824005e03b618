using System.Collections.Generic;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training;

/// <summary>The result of <see cref="Trainer.Evaluate"/> or of the validation pass of an epoch.</summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(ClassificationMetrics metrics, ConfusionMatrix? confusionMatrix)
    {
        Metrics = metrics;
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>Loss, top-1 and top-5 accuracy.</summary>
    internal ClassificationMetrics Metrics { get; }

    /// <summary>Number of samples evaluated.</summary>
    public long Samples => Metrics.Samples;

    /// <summary>Mean loss per sample (the training loss, label smoothing included).</summary>
    public double Loss => Metrics.Loss;

    /// <summary>Top-1 accuracy in [0, 1].</summary>
    public double Top1 => Metrics.Top1;

    /// <summary>Top-5 accuracy in [0, 1] (top-k with k = min(5, classes)).</summary>
    public double Top5 => Metrics.Top5;

    /// <summary>Rows = true class, columns = predicted class; null when nothing was evaluated.</summary>
    public ConfusionMatrix? ConfusionMatrix { get; }

    /// <summary>Per-class accuracy (recall), NaN for a class with no samples; empty when nothing was evaluated.</summary>
    public IReadOnlyList<double> PerClassAccuracy => ConfusionMatrix?.PerClassAccuracy ?? System.Array.Empty<double>();
}
