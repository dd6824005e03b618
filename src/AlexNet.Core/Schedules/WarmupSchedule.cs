using System;

namespace AlexNet.Core.Schedules;

/// <summary>
/// SequentialLR([LinearLR(start_factor, 1, W), CosineAnnealingLR(T - W, eta_min) or LinearLR(1, end_factor, T - W)],
/// milestones=[W]) in closed form, over T units (epochs, or optimizer steps when stepped per step) with W units of warmup:
/// u &lt; W: base * (s + (1 - s) * u / W); then with e = u - W, D = T - W: cosine min + (base - min) * (1 + cos(pi * e / D)) / 2,
/// linear base * (1 + (end - 1) * min(e, D) / D).
/// </summary>
internal sealed class WarmupSchedule : LearningRateSchedule
{
    private readonly long _total;
    private readonly long _warmup;
    private readonly bool _cosine;
    private readonly WarmupScheduleOptions _options;

    /// <summary>Creates the schedule over <paramref name="totalUnits"/> units, <paramref name="warmupUnits"/> of them warmup.</summary>
    public WarmupSchedule(double baseLearningRate, long totalUnits, long warmupUnits, bool cosine, WarmupScheduleOptions options)
        : base(baseLearningRate)
    {
        _total = totalUnits;
        _warmup = warmupUnits;
        _cosine = cosine;
        _options = options;
    }

    /// <inheritdoc/>
    public override double? AtEpochStart(int epoch) => _options.PerStep ? null : Rate(epoch);

    /// <inheritdoc/>
    public override (double LearningRate, double? Momentum)? AtStep(long step) => _options.PerStep ? (Rate(step), null) : null;

    /// <summary>The rate at unit <paramref name="unit"/> (0-based epoch or step).</summary>
    public double Rate(long unit)
    {
        double b = BaseLearningRate;
        if (unit < _warmup)
        {
            double s = _options.StartFactor;
            return b * (s + ((1 - s) * unit / _warmup));
        }

        double decayed = unit - _warmup;
        double span = Math.Max(1, _total - _warmup);
        if (_cosine)
        {
            double min = _options.MinLearningRate;
            return min + ((b - min) * (1 + Math.Cos(Math.PI * decayed / span)) / 2);
        }

        return b * (1 + ((_options.EndFactor - 1) * Math.Min(decayed, span) / span));
    }
}
