using System;

namespace AlexNet.Core.Training.Schedules;

/// <summary>Creates the schedule <see cref="LearningRateScheduleOptions.Kind"/> names.</summary>
internal static class LearningRateScheduleFactory
{
    public static LearningRateSchedule Create(TrainerOptions options, int batchesPerEpoch)
    {
        var s = options.Schedule;
        double lr = options.Optimizer.LearningRate;
        return s.Kind switch
        {
            ScheduleKind.None => new ConstantSchedule(lr),
            ScheduleKind.Step => new StepSchedule(lr, s.StepSize, s.Gamma),
            ScheduleKind.MultiStep => new MultiStepSchedule(lr, s.Milestones, s.Gamma),
            ScheduleKind.Cosine => new CosineSchedule(lr, options.Epochs, s.MinLearningRate),
            ScheduleKind.OneCycle => new OneCycleSchedule(lr, (long)options.Epochs * batchesPerEpoch, s),
            ScheduleKind.ReduceOnPlateau => new ReduceOnPlateauSchedule(lr, s),
            _ => throw new ArgumentOutOfRangeException(nameof(options), s.Kind, "Unknown schedule kind."),
        };
    }
}
