using System;

namespace AlexNet.Core.Metrics;

/// <summary>
/// Classification metrics read back from the device sums (top-1, top-5, loss): host values, safe to keep.
/// </summary>
public sealed class ClassificationMetrics
{
    internal ClassificationMetrics(long samples, double loss, double top1, double top5, long nonFiniteLossBatches, long? firstNonFiniteStep)
    {
        Samples = samples;
        Loss = loss;
        Top1 = top1;
        Top5 = top5;
        NonFiniteLossBatches = nonFiniteLossBatches;
        FirstNonFiniteStep = firstNonFiniteStep;
    }

    /// <summary>Metrics of nothing: zero samples, NaN values.</summary>
    internal static ClassificationMetrics Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, 0, null);

    /// <summary>Number of samples accumulated.</summary>
    public long Samples { get; }

    /// <summary>Mean loss per sample (NaN when no loss was accumulated or no samples were seen).</summary>
    public double Loss { get; }

    /// <summary>Top-1 accuracy in [0, 1] (NaN when no samples were seen).</summary>
    public double Top1 { get; }

    /// <summary>Top-k accuracy with k = min(5, classes), in [0, 1] (NaN when no samples were seen).</summary>
    public double Top5 { get; }

    /// <summary>Number of accumulated batches whose loss was NaN or infinite.</summary>
    internal long NonFiniteLossBatches { get; }

    /// <summary>The step number passed with the first such batch, or null when there was none.</summary>
    internal long? FirstNonFiniteStep { get; }

    /// <summary>Top-1 error, 1 - <see cref="Top1"/>.</summary>
    internal double Top1Error => 1 - Top1;

    /// <summary>True when every accumulated loss was finite.</summary>
    internal bool LossIsFinite => NonFiniteLossBatches == 0 && !double.IsNaN(Loss) && !double.IsInfinity(Loss);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"samples {Samples}, loss {Loss:G6}, top-1 {Top1:P2}, top-5 {Top5:P2}");
}
