namespace AlexNet.Core.Metrics;

/// <summary>The "is this value better" rule shared by the best checkpoint, early stopping and reduce-on-plateau.</summary>
internal static class MetricModeExtensions
{
    /// <summary>
    /// True when <paramref name="value"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>:
    /// <c>value &lt; best - minDelta</c> for <see cref="MetricMode.Min"/>, otherwise <c>value &gt; best + minDelta</c>.
    /// </summary>
    public static bool Improves(this MetricMode mode, double value, double best, double minDelta = 0) =>
        mode == MetricMode.Min ? value < best - minDelta : value > best + minDelta;
}
