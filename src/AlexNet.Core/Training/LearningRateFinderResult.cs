using System.Collections.Generic;

namespace AlexNet.Core.Training;

/// <summary>
/// The outcome of <see cref="Trainer.FindLearningRate"/>: for each step run, its rate, its loss and the smoothed loss;
/// whether the sweep stopped on divergence; and the suggested rate.
/// </summary>
public sealed class LearningRateFinderResult
{
    internal LearningRateFinderResult(IReadOnlyList<double> rates, IReadOnlyList<double> losses, IReadOnlyList<double> smoothed, bool diverged)
    {
        LearningRates = rates;
        Losses = losses;
        SmoothedLosses = smoothed;
        Diverged = diverged;
        SuggestedLearningRate = LearningRateSuggestion.SteepestDescent(rates, smoothed);
    }

    /// <summary>The rate of each step run.</summary>
    public IReadOnlyList<double> LearningRates { get; }

    /// <summary>The loss of each step's batch (before the step).</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The bias-corrected exponential average of <see cref="Losses"/>.</summary>
    public IReadOnlyList<double> SmoothedLosses { get; }

    /// <summary>True when the sweep stopped early because the smoothed loss diverged.</summary>
    public bool Diverged { get; }

    /// <summary>
    /// The rate where the smoothed loss falls fastest (torch-lr-finder's rule): leaving out the first 10 and the last 5
    /// points, the point of the most negative gradient of the smoothed loss over the step index (numpy.gradient: central
    /// differences inside, one-sided at the ends; the steps are equally spaced in log rate). Null when fewer than 2 points remain.
    /// </summary>
    public double? SuggestedLearningRate { get; }
}
