using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Writes the metrics history as CSV and as JSON lines (one object per epoch) at every epoch end. Each file is
/// rewritten atomically from the whole history, so it is always well formed, and after a resume it holds exactly
/// the checkpoint's epochs plus the new ones (rows a crashed run wrote after its last checkpoint are dropped).
/// </summary>
public sealed class MetricsHistoryHook : TrainingHook
{
    /// <summary>Writes <c>metrics.csv</c> and <c>metrics.jsonl</c> in <paramref name="directory"/>.</summary>
    public MetricsHistoryHook(string directory)
        : this(Path.Combine(directory, "metrics.csv"), Path.Combine(directory, "metrics.jsonl"))
    {
    }

    /// <summary>Writes the CSV and/or the JSON-lines file (null for none).</summary>
    public MetricsHistoryHook(string? csvPath, string? jsonLinesPath)
    {
        if (csvPath is null && jsonLinesPath is null)
        {
            throw new ArgumentException("Give at least one of csvPath and jsonLinesPath.", nameof(csvPath));
        }

        CsvPath = csvPath is null ? null : Path.GetFullPath(csvPath);
        JsonLinesPath = jsonLinesPath is null ? null : Path.GetFullPath(jsonLinesPath);
    }

    /// <summary>The CSV file, or null.</summary>
    internal string? CsvPath { get; }

    /// <summary>The JSON-lines file, or null.</summary>
    internal string? JsonLinesPath { get; }

    /// <summary>
    /// The history as CSV: a header <c>epoch,global_step,NAME...</c> (every metric name, sorted), one row per epoch,
    /// numbers in invariant culture with round-trip precision, empty cells for metrics an epoch lacks.
    /// </summary>
    internal static string ToCsv(MetricsHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var names = history.MetricNames;
        var text = new StringBuilder("epoch,global_step");
        foreach (string name in names)
        {
            text.Append(',').Append(name);
        }

        text.Append('\n');
        foreach (var epoch in history)
        {
            text.Append(epoch.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(epoch.GlobalStep.ToString(CultureInfo.InvariantCulture));
            foreach (string name in names)
            {
                text.Append(',').Append(epoch[name] is double v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The history as JSON lines: <c>{"epoch":0,"global_step":390,"train_loss":1.23,...}</c>; NaN and infinities as null.</summary>
    internal static string ToJsonLines(MetricsHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var text = new StringBuilder();
        foreach (var epoch in history)
        {
            var line = new JsonObject { ["epoch"] = epoch.Epoch, ["global_step"] = epoch.GlobalStep };
            foreach (var (name, value) in epoch.Values)
            {
                line[name] = double.IsFinite(value) ? value : null;
            }

            text.Append(line.ToJsonString()).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override void OnFitStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Write(state);
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Write(state);
        return HookControl.Continue;
    }

    /// <summary>Writes both files from the process that writes files (<see cref="TrainingState.IsGlobalZero"/>); the others write nothing.</summary>
    private void Write(TrainingState state)
    {
        if (!state.IsGlobalZero)
        {
            return;
        }

        MetricsHistory history = state.History;
        if (CsvPath is not null)
        {
            AtomicFile.WriteAllText(CsvPath, ToCsv(history));
        }

        if (JsonLinesPath is not null)
        {
            AtomicFile.WriteAllText(JsonLinesPath, ToJsonLines(history));
        }
    }
}
