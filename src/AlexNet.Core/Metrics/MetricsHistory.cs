using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Core.Metrics;

/// <summary>
/// The per-epoch metrics of a run, in epoch order. Stored in every checkpoint, so a resumed run continues the same
/// history.
/// </summary>
public sealed class MetricsHistory : IReadOnlyList<EpochMetrics>
{
    private readonly List<EpochMetrics> _epochs = new();

    /// <summary>Creates an empty history.</summary>
    internal MetricsHistory()
    {
    }

    /// <summary>Creates a history holding <paramref name="epochs"/>.</summary>
    public MetricsHistory(IEnumerable<EpochMetrics> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        foreach (var epoch in epochs)
        {
            Add(epoch);
        }
    }

    /// <inheritdoc />
    public int Count => _epochs.Count;

    /// <inheritdoc />
    public EpochMetrics this[int index] => _epochs[index];

    /// <summary>The last epoch's metrics, or null when the history is empty.</summary>
    public EpochMetrics? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <summary>Every metric name that appears in any epoch, sorted.</summary>
    internal IReadOnlyList<string> MetricNames =>
        _epochs.SelectMany(e => e.Values.Keys).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Appends an epoch; epochs must be added in increasing order.</summary>
    /// <exception cref="ArgumentException">The epoch is not after the last one.</exception>
    internal void Add(EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (Last is { } last && epoch.Epoch <= last.Epoch)
        {
            throw new ArgumentException($"Epoch {epoch.Epoch} cannot follow epoch {last.Epoch} in the history.", nameof(epoch));
        }

        _epochs.Add(epoch);
    }

    /// <summary>The values of <paramref name="name"/> per epoch (NaN where an epoch did not record it).</summary>
    public IReadOnlyList<double> Series(string name) => _epochs.Select(e => e[name] ?? double.NaN).ToArray();

    /// <inheritdoc />
    public IEnumerator<EpochMetrics> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
