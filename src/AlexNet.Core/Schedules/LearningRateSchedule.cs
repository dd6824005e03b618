using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace AlexNet.Core.Schedules;

/// <summary>
/// A learning-rate schedule as the trainer drives it: asked for the rate at each epoch start, at each step (for
/// per-batch schedules), and told the metrics at each epoch end (for plateau detection). Epoch and step schedules
/// are closed-form functions of the position, so only ReduceOnPlateau carries state into checkpoints.
/// </summary>
internal abstract class LearningRateSchedule
{
    protected LearningRateSchedule(double baseLearningRate)
    {
        BaseLearningRate = baseLearningRate;
    }

    /// <summary>The optimizer's initial learning rate.</summary>
    public double BaseLearningRate { get; }

    /// <summary>The rate for epoch <paramref name="epoch"/> (0-based), or null to leave it as it is.</summary>
    public virtual double? AtEpochStart(int epoch) => null;

    /// <summary>The rate (and momentum, for schedules that cycle it) for step <paramref name="step"/> (0-based), or null.</summary>
    public virtual (double LearningRate, double? Momentum)? AtStep(long step) => null;

    /// <summary>Sees the metrics of finished epoch <paramref name="epoch"/>; returns a new rate, or null to keep <paramref name="currentRate"/>.</summary>
    public virtual double? AtEpochEnd(int epoch, IReadOnlyDictionary<string, double> metrics, double currentRate) => null;

    /// <summary>The state to put in a checkpoint.</summary>
    public virtual JsonObject SaveState() => new();

    /// <summary>Restores <see cref="SaveState"/>'s output.</summary>
    public virtual void LoadState(JsonObject state)
    {
    }
}
