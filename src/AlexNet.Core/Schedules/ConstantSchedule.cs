namespace AlexNet.Core.Schedules;

/// <summary>No schedule: the optimizer's rate is left alone.</summary>
internal sealed class ConstantSchedule : LearningRateSchedule
{
    public ConstantSchedule(double baseLearningRate)
        : base(baseLearningRate)
    {
    }
}
