using System;

namespace AlexNet.Core.Schedules;

/// <summary>Creates the schedule <see cref="LearningRateScheduleOptions.Kind"/> names.</summary>
internal static class LearningRateScheduleFactory
{
    /// <summary>
    /// The schedule of <paramref name="s"/> from <paramref name="lr"/> over <paramref name="epochs"/> epochs of
    /// <paramref name="batchesPerEpoch"/> optimizer steps.
    /// </summary>
    public static LearningRateSchedule Create(LearningRateScheduleOptions s, double lr, int epochs, int batchesPerEpoch)
    {
        return s.Kind switch
        {
            ScheduleKind.None => new ConstantSchedule(lr),
            ScheduleKind.Step => new StepSchedule(lr, s.Step.StepSize, s.Step.Gamma),
            ScheduleKind.MultiStep => new MultiStepSchedule(lr, s.MultiStep.Milestones, s.MultiStep.Gamma),
            ScheduleKind.Cosine => new CosineSchedule(lr, epochs, s.Cosine.MinLearningRate),
            ScheduleKind.OneCycle => new OneCycleSchedule(lr, (long)epochs * batchesPerEpoch, s.OneCycle),
            ScheduleKind.ReduceOnPlateau => new ReduceOnPlateauSchedule(lr, s.ReduceOnPlateau),
            ScheduleKind.WarmupCosine or ScheduleKind.WarmupLinear => Warmup(s, lr, epochs, batchesPerEpoch),
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, "Unknown schedule kind."),
        };
    }

    private static WarmupSchedule Warmup(LearningRateScheduleOptions s, double lr, int epochs, int batchesPerEpoch)
    {
        long unitsPerEpoch = s.Warmup.PerStep ? batchesPerEpoch : 1;
        long total = checked(epochs * unitsPerEpoch);
        long warmup = checked(s.Warmup.WarmupEpochs * unitsPerEpoch);
        return new WarmupSchedule(lr, total, warmup, s.Kind == ScheduleKind.WarmupCosine, s.Warmup);
    }
}
