using System;

namespace AlexNet.Core.Metrics;

/// <summary>
/// Classification metrics read back from the device sums (top-1, top-5, loss): host values, safe to keep.
/// </summary>
/// <param name="Samples">Number of samples accumulated.</param>
/// <param name="Loss">Mean loss per sample (NaN when no loss was accumulated or no samples were seen).</param>
/// <param name="Top1">Top-1 accuracy in [0, 1] (NaN when no samples were seen).</param>
/// <param name="Top5">Top-k accuracy with k = min(5, classes), in [0, 1] (NaN when no samples were seen).</param>
/// <param name="NonFiniteLossBatches">Number of accumulated batches whose loss was NaN or infinite.</param>
/// <param name="FirstNonFiniteStep">The step number passed with the first such batch, or null when there was none.</param>
public sealed record ClassificationMetrics(
    long Samples,
    double Loss,
    double Top1,
    double Top5,
    long NonFiniteLossBatches,
    long? FirstNonFiniteStep)
{
    /// <summary>Top-1 error, 1 - <see cref="Top1"/>.</summary>
    public double Top1Error => 1 - Top1;

    /// <summary>True when every accumulated loss was finite.</summary>
    public bool LossIsFinite => NonFiniteLossBatches == 0 && !double.IsNaN(Loss) && !double.IsInfinity(Loss);

    /// <summary>Metrics of nothing: zero samples, NaN values.</summary>
    public static ClassificationMetrics Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, 0, null);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"samples {Samples}, loss {Loss:G6}, top-1 {Top1:P2}, top-5 {Top5:P2}");
}
