using System;

namespace AlexNet.Core.Metrics;

/// <summary>
/// The names under which the trainer records metrics: in <see cref="MetricsHistory"/>, in checkpoints, in the CSV and
/// JSON-lines files, and as the values hooks monitor (early stopping, best checkpoint, reduce-on-plateau).
/// </summary>
/// <remarks>Accuracies are fractions in [0, 1]; losses are means over samples.</remarks>
public static class MetricNames
{
    /// <summary>Mean training loss over the epoch's samples.</summary>
    public const string TrainLoss = "train_loss";

    /// <summary>Training top-1 accuracy over the epoch (on the training-mode outputs, with dropout).</summary>
    public const string TrainTop1 = "train_top1";

    /// <summary>Training top-5 accuracy over the epoch (top-k with k = min(5, classes)).</summary>
    public const string TrainTop5 = "train_top5";

    /// <summary>Mean validation loss.</summary>
    public const string ValidationLoss = "val_loss";

    /// <summary>Validation top-1 accuracy.</summary>
    public const string ValidationTop1 = "val_top1";

    /// <summary>Validation top-5 accuracy.</summary>
    public const string ValidationTop5 = "val_top5";

    /// <summary>Validation top-1 error (1 - top-1), the quantity the 2012 paper watches to divide the learning rate by 10.</summary>
    public const string ValidationError = "val_error";

    /// <summary>The learning rate of the first parameter group during the epoch (at its last step).</summary>
    public const string LearningRate = "lr";

    /// <summary>True for a validation metric name (one starting with "val_", ordinal), which needs a validation source.</summary>
    internal static bool IsValidation(string name) => name.StartsWith("val_", StringComparison.Ordinal);
}
