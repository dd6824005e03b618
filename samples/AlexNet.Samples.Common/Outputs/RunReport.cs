using System.Globalization;
using System.Text;
using AlexNet.Core.Metrics;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Outputs;

/// <summary>
/// The short Markdown report of a run (<c>report.md</c>): the recipe, the settings, the final test metrics, the
/// wall time, the per-epoch metrics, and links to the plots, metrics files, TensorBoard events and checkpoints.
/// </summary>
public sealed record RunReport
{
    /// <summary>The recipe run.</summary>
    public required Recipe Recipe { get; init; }

    /// <summary>The command line that started the run.</summary>
    public required string CommandLine { get; init; }

    /// <summary>The settings as (name, value) rows, in display order.</summary>
    public required IReadOnlyList<(string Name, string Value)> Settings { get; init; }

    /// <summary>Per-epoch metrics (the trainer's history).</summary>
    public required MetricsHistory History { get; init; }

    /// <summary>Final test top-1 accuracy in [0, 1].</summary>
    public required double TestTop1 { get; init; }

    /// <summary>Final test top-5 accuracy in [0, 1].</summary>
    public required double TestTop5 { get; init; }

    /// <summary>Final mean test loss.</summary>
    public required double TestLoss { get; init; }

    /// <summary>Number of test images evaluated.</summary>
    public required long TestImages { get; init; }

    /// <summary>How the final test metrics were computed, such as "last epoch's model, ten-crop".</summary>
    public required string TestProcedure { get; init; }

    /// <summary>Class names, index = label.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Per-class test accuracy (recall), index = label.</summary>
    public required IReadOnlyList<double> PerClassAccuracy { get; init; }

    /// <summary>Wall time of the whole run (data loading, training, evaluation, outputs).</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>Wall time of training (Fit) alone.</summary>
    public required TimeSpan TrainingTime { get; init; }

    /// <summary>Where the training time went (waiting for data, steps, hooks, validation); null when unknown.</summary>
    public AlexNet.Core.Training.FitTimes? TrainingTimes { get; init; }

    /// <summary>Training images the run went through (every epoch's, all ranks); null when unknown.</summary>
    public long? ImagesSeen { get; init; }

    /// <summary>The machine's load during the run, as <see cref="LoadText"/> writes it; empty or null when unknown.</summary>
    public string? Load { get; init; }

    /// <summary>The pictures as (caption, path relative to the report).</summary>
    public required IReadOnlyList<(string Caption, string Path)> Pictures { get; init; }

    /// <summary>The other outputs as (description, path relative to the report).</summary>
    public required IReadOnlyList<(string Description, string Path)> Files { get; init; }

    /// <summary>The report as Markdown.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, $"# Run report: `{Recipe.Name}`");
        text.Append('\n');
        Line(text, $"{Recipe.Title}. Source: {Recipe.Source}.");
        text.Append('\n');
        Line(text, $"    {CommandLine}");
        text.Append('\n');

        Line(text, $"## Result");
        Line(text, $"| metric | value |");
        Line(text, $"|---|---|");
        Line(text, $"| test top-1 accuracy | **{Percent(TestTop1)}** on {TestImages:N0} test images ({TestProcedure}) |");
        Line(text, $"| test top-5 accuracy | {Percent(TestTop5)} |");
        Line(text, $"| test loss | {TestLoss:F4} |");
        Line(text, $"| reported by the recipe's source | {Recipe.ReportedAccuracy} |");
        string load = string.IsNullOrEmpty(Load) ? string.Empty : $"; {Load}";
        Line(text, $"| wall time | {Duration(WallTime)} (training and per-epoch evaluation {Duration(TrainingTime)}){load} |");
        if (ImagesSeen is long seen)
        {
            Line(text, $"| training images seen | {seen:N0} |");
        }

        if (TrainingTimes is { } times)
        {
            Line(text, $"| training time split | {times} |");
        }

        text.Append('\n');

        Line(text, $"## Settings");
        Line(text, $"| setting | value |");
        Line(text, $"|---|---|");
        foreach (var (name, value) in Settings)
        {
            Line(text, $"| {name} | {Escape(value)} |");
        }

        text.Append('\n');
        AppendEpochs(text);
        AppendPerClass(text);

        Line(text, $"## Pictures");
        foreach (var (caption, path) in Pictures)
        {
            Line(text, $"![{caption}]({path})");
            text.Append('\n');
        }

        Line(text, $"## Files");
        foreach (var (description, path) in Files)
        {
            Line(text, $"- [{path}]({path}): {description}");
        }

        return text.ToString();
    }

    private static string Percent(double? fraction) => fraction is double f && double.IsFinite(f) ? (f * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Number(double? value) => value is double v && double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Escape(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>
    /// "load average 1.98 at the start, 2.00 at the end" from two 1-minute load averages (<see cref="Runs.MachineLoad"/>),
    /// or the empty string when either is unknown.
    /// </summary>
    public static string LoadText(string? atStart, string? atEnd) =>
        atStart is null || atEnd is null ? string.Empty : $"load average {atStart} at the start, {atEnd} at the end";

    /// <summary>A duration as "9 min 12 s" or "41.3 s".</summary>
    internal static string Duration(TimeSpan time) => time.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes} min {time.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F1} s");

    private void AppendEpochs(StringBuilder text)
    {
        Line(text, $"## Per epoch");
        Line(text, $"| epoch | train loss | train top-1 | test loss | test top-1 | test top-5 | learning rate |");
        Line(text, $"|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var epoch in History)
        {
            Line(text, $"| {epoch.Epoch + 1} | {Number(epoch[MetricNames.TrainLoss])} | {Percent(epoch[MetricNames.TrainTop1])} | {Number(epoch[MetricNames.ValidationLoss])} | {Percent(epoch[MetricNames.ValidationTop1])} | {Percent(epoch[MetricNames.ValidationTop5])} | {epoch[MetricNames.LearningRate]:G4} |");
        }

        text.Append('\n');
    }

    private void AppendPerClass(StringBuilder text)
    {
        Line(text, $"## Test accuracy per class");
        Line(text, $"| class | accuracy |");
        Line(text, $"|---|---:|");
        foreach (var (name, accuracy) in ClassNames.Zip(PerClassAccuracy))
        {
            Line(text, $"| {Escape(name)} | {Percent(accuracy)} |");
        }

        text.Append('\n');
    }
}
