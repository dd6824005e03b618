using System;

namespace AlexNet.Core.Schedules;

/// <summary>
/// OneCycleLR (two phases, as torch's default): warm up from max/divFactor to max over the first percentStart of
/// the steps, then anneal to initial/finalDivFactor; momentum moves the opposite way between max and base momentum.
/// </summary>
internal sealed class OneCycleSchedule : LearningRateSchedule
{
    private readonly long _totalSteps;
    private readonly double _initial;
    private readonly double _max;
    private readonly double _final;
    private readonly double _phaseOneEnd;
    private readonly AnnealStrategy _anneal;
    private readonly bool _cycleMomentum;
    private readonly double _baseMomentum;
    private readonly double _maxMomentum;

    public OneCycleSchedule(double baseLearningRate, long totalSteps, OneCycleScheduleOptions options)
        : base(baseLearningRate)
    {
        _totalSteps = totalSteps;
        _max = options.MaxLearningRate > 0 ? options.MaxLearningRate : baseLearningRate;
        _initial = _max / options.DivFactor;
        _final = _initial / options.FinalDivFactor;
        _phaseOneEnd = (options.PercentStart * totalSteps) - 1;
        _anneal = options.AnnealStrategy;
        _cycleMomentum = options.CycleMomentum;
        _baseMomentum = options.BaseMomentum;
        _maxMomentum = options.MaxMomentum;
    }

    public override (double LearningRate, double? Momentum)? AtStep(long step)
    {
        double s = Math.Min(step, _totalSteps - 1);
        double lr;
        double momentum;
        if (s <= _phaseOneEnd)
        {
            double pct = s / _phaseOneEnd;
            lr = Anneal(_initial, _max, pct);
            momentum = Anneal(_maxMomentum, _baseMomentum, pct);
        }
        else
        {
            double pct = (s - _phaseOneEnd) / (_totalSteps - 1 - _phaseOneEnd);
            lr = Anneal(_max, _final, pct);
            momentum = Anneal(_baseMomentum, _maxMomentum, pct);
        }

        return (lr, _cycleMomentum ? momentum : null);
    }

    private double Anneal(double start, double end, double pct) => _anneal == AnnealStrategy.Cosine
        ? end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1))
        : ((end - start) * pct) + start;
}
