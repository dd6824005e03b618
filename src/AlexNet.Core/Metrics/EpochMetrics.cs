using System;
using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Core.Metrics;

/// <summary>
/// The metrics of one completed epoch, keyed by <see cref="MetricNames"/> (and any names hooks add).
/// </summary>
/// <remarks>
/// Only values that a run reproduces exactly belong here (losses, accuracies, learning rate), so that a resumed run
/// and a straight run have identical histories; wall-clock timings live in <c>ThroughputHook</c>.
/// </remarks>
public sealed class EpochMetrics
{
    /// <summary>Creates the record of epoch <paramref name="epoch"/> (0-based).</summary>
    public EpochMetrics(int epoch, long globalStep, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Epoch = epoch;
        GlobalStep = globalStep;
        Values = new SortedDictionary<string, double>(values.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
    }

    /// <summary>The epoch, 0-based.</summary>
    public int Epoch { get; }

    /// <summary>Optimizer steps completed at the end of the epoch.</summary>
    public long GlobalStep { get; }

    /// <summary>The values, sorted by name.</summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>The value of <paramref name="name"/>, or null when the epoch did not record it.</summary>
    public double? this[string name] => Values.TryGetValue(name, out double v) ? v : null;
}
