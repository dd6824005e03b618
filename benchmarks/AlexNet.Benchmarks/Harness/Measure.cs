using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace AlexNet.Benchmarks.Harness;

/// <summary>Wall-clock measurement: warm-up runs, then timed repetitions, reporting the median.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repetitions"/>
    /// times timed, and returns the median seconds per run.
    /// </summary>
    public static double MedianSeconds(Action action, int warmup = 2, int repetitions = 5)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        var times = new List<double>(repetitions);
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    /// <summary>Formats a rate with thousands separators and no decimals above 100, one decimal below.</summary>
    public static string Rate(double perSecond) =>
        perSecond >= 100 ? perSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                         : perSecond.ToString("N1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A Markdown table from a header and rows.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        var lines = new List<string>
        {
            "| " + string.Join(" | ", header) + " |",
            "|" + string.Concat(header.Select(_ => "---|")),
        };
        lines.AddRange(rows.Select(r => "| " + string.Join(" | ", r) + " |"));
        return string.Join(Environment.NewLine, lines);
    }
}
