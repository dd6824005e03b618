using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace AlexNet.Benchmarks.Harness;

/// <summary>Wall-clock measurement: warm-up runs, then timed repetitions, reporting the median.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repetitions"/>
    /// times timed, and returns the median seconds per run.
    /// </summary>
    public static double MedianSeconds(Action action, int warmup = 2, int repetitions = 5) =>
        Median(Samples(action, warmup, repetitions));

    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repetitions"/>
    /// times timed, and returns the seconds of each timed run in order.
    /// </summary>
    public static double[] Samples(Action action, int warmup, int repetitions)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        var times = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return times;
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// The 1, 5 and 15 minute load averages where the system reports them (Linux), to judge how quiet the run was;
    /// <paramref name="fallback"/> elsewhere.
    /// </summary>
    public static string LoadAverage(string fallback) =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : fallback;

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
