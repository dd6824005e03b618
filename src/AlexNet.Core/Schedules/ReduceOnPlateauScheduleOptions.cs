using AlexNet.Core.Metrics;

namespace AlexNet.Core.Schedules;

/// <summary>Settings of <see cref="ScheduleKind.ReduceOnPlateau"/> (ReduceLROnPlateau, checked at each epoch end).</summary>
public sealed class ReduceOnPlateauScheduleOptions
{
    /// <summary>The metric watched at each epoch end. Default <c>val_loss</c>.</summary>
    public string Monitor { get; set; } = MetricNames.ValidationLoss;

    /// <summary>Whether <see cref="Monitor"/> improves downwards or upwards. Default Min.</summary>
    public MetricMode Mode { get; set; } = MetricMode.Min;

    /// <summary>The multiplier, in (0, 1). Default 0.1 (the paper divides by 10).</summary>
    public double Factor { get; set; } = 0.1;

    /// <summary>Epochs without improvement tolerated before reducing, &gt;= 0. Default 10.</summary>
    public int Patience { get; set; } = 10;

    /// <summary>The improvement threshold, &gt;= 0. Default 1e-4.</summary>
    public double Threshold { get; set; } = 1e-4;

    /// <summary>Relative or absolute threshold. Default relative.</summary>
    public ThresholdMode ThresholdMode { get; set; } = ThresholdMode.Relative;

    /// <summary>Epochs to wait after a reduction before watching again, &gt;= 0. Default 0.</summary>
    public int Cooldown { get; set; }

    /// <summary>The floor of the rate (min_lr), &gt;= 0. Default 0.</summary>
    public double MinLearningRate { get; set; }

    /// <summary>Reductions smaller than this are ignored (eps), &gt;= 0. Default 1e-8.</summary>
    public double MinDelta { get; set; } = 1e-8;
}
