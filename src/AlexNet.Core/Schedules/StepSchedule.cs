using System;

namespace AlexNet.Core.Schedules;

/// <summary>StepLR: base * gamma ^ floor(epoch / stepSize).</summary>
internal sealed class StepSchedule : LearningRateSchedule
{
    private readonly int _stepSize;
    private readonly double _gamma;

    public StepSchedule(double baseLearningRate, int stepSize, double gamma)
        : base(baseLearningRate)
    {
        _stepSize = stepSize;
        _gamma = gamma;
    }

    public override double? AtEpochStart(int epoch) => BaseLearningRate * Math.Pow(_gamma, epoch / _stepSize);
}
