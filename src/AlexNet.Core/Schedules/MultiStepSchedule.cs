using System;
using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Core.Schedules;

/// <summary>MultiStepLR: base * gamma ^ (number of milestones &lt;= epoch).</summary>
internal sealed class MultiStepSchedule : LearningRateSchedule
{
    private readonly int[] _milestones;
    private readonly double _gamma;

    public MultiStepSchedule(double baseLearningRate, IEnumerable<int> milestones, double gamma)
        : base(baseLearningRate)
    {
        _milestones = milestones.ToArray();
        _gamma = gamma;
    }

    public override double? AtEpochStart(int epoch) => BaseLearningRate * Math.Pow(_gamma, _milestones.Count(m => m <= epoch));
}
