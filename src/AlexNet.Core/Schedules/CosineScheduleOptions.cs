namespace AlexNet.Core.Schedules;

/// <summary>Settings of <see cref="ScheduleKind.Cosine"/> (CosineAnnealingLR over all epochs).</summary>
public sealed class CosineScheduleOptions
{
    /// <summary>The final rate (eta_min), &gt;= 0. Default 0.</summary>
    public double MinLearningRate { get; set; }
}
