using System;
using System.Globalization;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training;

/// <summary>
/// Training stopped because a step produced a NaN or infinite value (or, with a <c>NanGuardHook</c>
/// threshold, a loss above it). Names the first bad step, its epoch and the tensor that went bad first.
/// </summary>
/// <remarks>
/// The check runs on the device and is read back at log intervals and epoch ends, so the trainer may have run a few
/// more steps (up to <see cref="TrainerOptions.LogInterval"/>) before throwing; the weights are then no longer usable.
/// </remarks>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the first bad step.</summary>
    internal TrainingDivergedException(long step, int epoch, string tensor, double loss, double? threshold)
        : base(Describe(step, epoch, tensor, loss, threshold))
    {
        Step = step;
        Epoch = epoch;
        Tensor = tensor;
        Loss = loss;
        Threshold = threshold;
    }

    /// <summary>The global step (1-based, as <see cref="TrainingState.GlobalStep"/> after it) that first went bad.</summary>
    public long Step { get; }

    /// <summary>The epoch of that step (0-based).</summary>
    public int Epoch { get; }

    /// <summary>Which tensor went bad first in that step: "input", "loss" or "gradient" (or the epoch metric's name, from a NanGuardHook).</summary>
    public string Tensor { get; }

    /// <summary>The batch loss of that step (NaN or infinite when it was not finite).</summary>
    public double Loss { get; }

    /// <summary>The divergence threshold that a finite loss exceeded, or null when a value was not finite.</summary>
    public double? Threshold { get; }

    private static string Describe(long step, int epoch, string tensor, double loss, double? threshold)
    {
        string what = threshold is double t
            ? string.Create(CultureInfo.InvariantCulture, $"the loss was first above the divergence threshold {t} (it was {loss:E3})")
            : tensor == MetricNames.ValidationLoss
                ? string.Create(CultureInfo.InvariantCulture, $"the validation loss (val_loss) was {loss} (not finite)")
                : $"the {tensor} was first not finite (NaN or infinite)";
        return string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: {what} at step {step}, epoch {epoch}. {Advice(tensor)} To change this policy, add a NanGuardHook (Policy = Stop or Warn).");
    }

    private static string Advice(string tensor) => tensor switch
    {
        "input" => "Check the data for NaN or infinite pixels (a corrupt file, a division by a zero standard deviation in Normalize).",
        MetricNames.ValidationLoss =>
            "The training steps were finite: check the validation data for NaN or infinite pixels (a corrupt file, a zero standard deviation in Normalize).",
        _ => "Lower the learning rate, enable gradient clipping (TrainerOptions.GradientClipping), or check the inputs.",
    };
}
