using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using TorchSharp;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Records every change of the learning rate (the value used by a step, after the schedule has set it), and
/// optionally writes a line per change.
/// </summary>
public sealed class LearningRateMonitorHook : TrainingHook
{
    private readonly TextWriter? _writer;
    private readonly List<LearningRateChange> _changes = new();

    /// <summary>Creates the monitor; with <paramref name="writer"/>, each change is also written as a line.</summary>
    public LearningRateMonitorHook(TextWriter? writer = null)
    {
        _writer = writer;
    }

    /// <summary>Each change: the step (1-based global step that first used the rate) and the rate.</summary>
    public IReadOnlyList<LearningRateChange> Changes => _changes;

    /// <inheritdoc />
    public override void OnBeforeOptimizerStep(TrainingState state, torch.optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        double rate = state.LearningRate;
        if (_changes.Count > 0 && _changes[^1].LearningRate == rate)
        {
            return;
        }

        var change = new LearningRateChange(state.GlobalStep + 1, state.Epoch, rate);
        _changes.Add(change);
        _writer?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {change.Step} (epoch {change.Epoch}): learning rate {rate:G6}"));
    }
}
