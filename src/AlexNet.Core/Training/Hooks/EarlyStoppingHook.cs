using System;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Core.Metrics;
using static System.FormattableString;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Stops training when a monitored metric has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs in a row (checked at each epoch end, after validation), or as soon as it is not finite.
/// Same rule as Lightning's EarlyStopping.
/// </summary>
public sealed class EarlyStoppingHook : TrainingHook
{
    /// <summary>Creates the hook.</summary>
    /// <param name="monitor">The metric (a <see cref="MetricNames"/> name). Default val_loss.</param>
    /// <param name="patience">Epochs without improvement tolerated, &gt;= 1. Default 3.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement, &gt;= 0. Default 0.</param>
    /// <param name="mode">Whether lower or higher is better. Default Min.</param>
    public EarlyStoppingHook(string monitor = MetricNames.ValidationLoss, int patience = 3, double minDelta = 0, MetricMode mode = MetricMode.Min)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a finite number >= 0.");
        }

        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        Mode = mode;
    }

    /// <summary>The metric watched.</summary>
    internal string Monitor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    internal int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    internal double MinDelta { get; }

    /// <summary>Whether lower or higher is better.</summary>
    internal MetricMode Mode { get; }

    /// <summary>The best value so far, or null.</summary>
    public double? Best { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    internal int Wait { get; private set; }

    /// <inheritdoc />
    public override void OnFitStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (MetricNames.IsValidation(Monitor) && !state.HasValidation)
        {
            throw new InvalidOperationException($"EarlyStoppingHook monitors \"{Monitor}\", a validation metric, but Fit was called without a validation source.");
        }
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epoch = state.History.Last!;
        if (epoch[Monitor] is not double value)
        {
            throw new InvalidOperationException($"EarlyStoppingHook monitors \"{Monitor}\" but epoch {epoch.Epoch} recorded only: {string.Join(", ", epoch.Values.Keys)}.");
        }

        if (!double.IsFinite(value))
        {
            return HookControl.Stop(Invariant($"early stopping: {Monitor} = {value} at epoch {epoch.Epoch} is not finite"));
        }

        bool improved = Best is not double best || Mode.Improves(value, best, MinDelta);
        if (improved)
        {
            Best = value;
            Wait = 0;
            return HookControl.Continue;
        }

        Wait++;
        return Wait >= Patience
            ? HookControl.Stop(Invariant($"early stopping: {Monitor} did not improve by more than {MinDelta} for {Wait} epochs (best {Best:G6})"))
            : HookControl.Continue;
    }

    /// <inheritdoc />
    public override JsonObject? OnSaveCheckpoint(TrainingState state) => new() { ["best"] = Best, ["wait"] = Wait };

    /// <inheritdoc />
    public override void OnLoadCheckpoint(TrainingState state, JsonObject hookState)
    {
        ArgumentNullException.ThrowIfNull(hookState);
        Best = hookState["best"]?.GetValue<double>();
        Wait = hookState["wait"]?.GetValue<int>() ?? 0;
    }
}
