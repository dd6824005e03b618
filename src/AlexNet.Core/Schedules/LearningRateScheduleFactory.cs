using System;

namespace AlexNet.Core.Schedules;

/// <summary>Creates the schedule <see cref="LearningRateScheduleOptions.Kind"/> names.</summary>
internal static class LearningRateScheduleFactory
{
    /// <summary>The schedule of <paramref name="s"/> from <paramref name="lr"/> over <paramref name="epochs"/> epochs of <paramref name="batchesPerEpoch"/> steps.</summary>
    public static LearningRateSchedule Create(LearningRateScheduleOptions s, double lr, int epochs, int batchesPerEpoch)
    {
        return s.Kind switch
        {
            ScheduleKind.None => new ConstantSchedule(lr),
            ScheduleKind.Step => new StepSchedule(lr, s.StepSize, s.Gamma),
            ScheduleKind.MultiStep => new MultiStepSchedule(lr, s.Milestones, s.Gamma),
            ScheduleKind.Cosine => new CosineSchedule(lr, epochs, s.MinLearningRate),
            ScheduleKind.OneCycle => new OneCycleSchedule(lr, (long)epochs * batchesPerEpoch, s),
            ScheduleKind.ReduceOnPlateau => new ReduceOnPlateauSchedule(lr, s),
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, "Unknown schedule kind."),
        };
    }
}
