using System;

namespace AlexNet.Core.Schedules;

/// <summary>CosineAnnealingLR with T_max = the number of epochs: min + (base - min) * (1 + cos(pi * epoch / T)) / 2.</summary>
internal sealed class CosineSchedule : LearningRateSchedule
{
    private readonly int _epochs;
    private readonly double _min;

    public CosineSchedule(double baseLearningRate, int epochs, double minLearningRate)
        : base(baseLearningRate)
    {
        _epochs = epochs;
        _min = minLearningRate;
    }

    public override double? AtEpochStart(int epoch) =>
        _min + ((BaseLearningRate - _min) * (1 + Math.Cos(Math.PI * epoch / _epochs)) / 2);
}
