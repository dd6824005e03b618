using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Schedules;

/// <summary>
/// ReduceLROnPlateau: at each epoch end, compares the monitored metric with the best so far; after more than
/// <c>Patience</c> epochs without improvement, multiplies the rate by <c>Factor</c> (not below the floor), then waits
/// <c>Cooldown</c> epochs.
/// </summary>
internal sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    private readonly ReduceOnPlateauScheduleOptions _o;
    private double? _best;
    private int _badEpochs;
    private int _cooldownLeft;

    public ReduceOnPlateauSchedule(double baseLearningRate, ReduceOnPlateauScheduleOptions options)
        : base(baseLearningRate)
    {
        _o = options;
    }

    public override double? AtEpochEnd(int epoch, IReadOnlyDictionary<string, double> metrics, double currentRate)
    {
        if (!metrics.TryGetValue(_o.Monitor, out double current))
        {
            throw new InvalidOperationException(
                $"TrainerOptions.Schedule.ReduceOnPlateau.Monitor is \"{_o.Monitor}\" but epoch {epoch} recorded only: {string.Join(", ", metrics.Keys)}. " +
                "Pass a validation source to Fit to get val_* metrics, or monitor a train_* metric.");
        }

        if (IsBetter(current))
        {
            _best = current;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }

        if (_badEpochs <= _o.Patience)
        {
            return null;
        }

        _cooldownLeft = _o.Cooldown;
        _badEpochs = 0;
        double reduced = Math.Max(currentRate * _o.Factor, _o.MinLearningRate);
        return currentRate - reduced > _o.MinDelta ? reduced : null;
    }

    public override JsonObject SaveState() => new()
    {
        ["best"] = _best,
        ["bad_epochs"] = _badEpochs,
        ["cooldown_left"] = _cooldownLeft,
    };

    public override void LoadState(JsonObject state)
    {
        _best = state["best"]?.GetValue<double>();
        _badEpochs = state["bad_epochs"]?.GetValue<int>() ?? 0;
        _cooldownLeft = state["cooldown_left"]?.GetValue<int>() ?? 0;
    }

    private bool IsBetter(double current)
    {
        if (double.IsNaN(current))
        {
            return false;
        }

        if (_best is not double best)
        {
            return true;
        }

        if (_o.ThresholdMode != ThresholdMode.Relative)
        {
            return _o.Mode.Improves(current, best, _o.Threshold);
        }

        return _o.Mode == MetricMode.Min ? current < best * (1 - _o.Threshold) : current > best * (1 + _o.Threshold);
    }
}
