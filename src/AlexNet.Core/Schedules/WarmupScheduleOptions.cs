namespace AlexNet.Core.Schedules;

/// <summary>
/// Settings of <see cref="ScheduleKind.WarmupCosine"/> and <see cref="ScheduleKind.WarmupLinear"/>: torch's
/// <c>SequentialLR</c> of a <c>LinearLR</c> warmup from <see cref="StartFactor"/> times the rate to the rate over
/// <see cref="WarmupEpochs"/>, then a <c>CosineAnnealingLR</c> (to <see cref="MinLearningRate"/>) or a <c>LinearLR</c>
/// decay (to <see cref="EndFactor"/> times the rate) over the remaining epochs; stepped per epoch or, with
/// <see cref="PerStep"/>, per optimizer step (the same shape in steps).
/// </summary>
public sealed class WarmupScheduleOptions
{
    /// <summary>Epochs of linear warmup, &gt;= 0 and less than the epochs trained (0: decay only). Default 1.</summary>
    public int WarmupEpochs { get; set; } = 1;

    /// <summary>The warmup's first rate as a fraction of the rate (LinearLR's start_factor), in (0, 1]. Default 1/3, as torch.</summary>
    public double StartFactor { get; set; } = 1.0 / 3;

    /// <summary>The cosine decay's final rate (CosineAnnealingLR's eta_min), &gt;= 0. Default 0.</summary>
    public double MinLearningRate { get; set; }

    /// <summary>The linear decay's final rate as a fraction of the rate (LinearLR's end_factor), in [0, 1]. Default 0.</summary>
    public double EndFactor { get; set; }

    /// <summary>Step the schedule at every optimizer step (warmup and decay measured in steps) instead of every epoch. Default false.</summary>
    public bool PerStep { get; set; }
}
