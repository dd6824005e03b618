using System.Collections.Generic;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Schedules;

/// <summary>
/// Learning-rate schedule settings (configuration section <c>Schedule</c> of <c>TrainerOptions</c>). Each
/// setting is read only by the schedules that use it; names and defaults follow torch.optim.lr_scheduler.
/// </summary>
public sealed class LearningRateScheduleOptions
{
    /// <summary>Which schedule. Default <see cref="ScheduleKind.None"/> (constant).</summary>
    public ScheduleKind Kind { get; set; } = ScheduleKind.None;

    /// <summary>Step: epochs between multiplications, &gt;= 1. Default 5.</summary>
    public int StepSize { get; set; } = 5;

    /// <summary>Step and MultiStep: the multiplier, in (0, 1]. Default 0.5 (halve).</summary>
    public double Gamma { get; set; } = 0.5;

    /// <summary>
    /// Step and MultiStep: each time the rate decays, replace the optimizer by a new one at the new rate, so its state
    /// restarts (Adam's moment estimates and step count, SGD's momentum buffers), as write-ups do that decay the rate
    /// with <c>optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)</c>. Default false (the state is kept,
    /// as torch's StepLR keeps it).
    /// </summary>
    public bool ResetOptimizerOnDecay { get; set; }

    /// <summary>MultiStep: the epochs (0-based, increasing) at which the rate is multiplied by <see cref="Gamma"/>.</summary>
    public IList<int> Milestones { get; set; } = new List<int>();

    /// <summary>Cosine: the final rate (eta_min); ReduceOnPlateau: the floor (min_lr). &gt;= 0. Default 0.</summary>
    public double MinLearningRate { get; set; }

    /// <summary>OneCycle: the peak rate (max_lr); 0 means the optimizer's <c>OptimizerOptions.LearningRate</c>. Default 0.</summary>
    public double MaxLearningRate { get; set; }

    /// <summary>OneCycle: fraction of the steps spent increasing the rate, in (0, 1). Default 0.3.</summary>
    public double PercentStart { get; set; } = 0.3;

    /// <summary>OneCycle: initial rate = max / DivFactor, &gt;= 1. Default 25.</summary>
    public double DivFactor { get; set; } = 25;

    /// <summary>OneCycle: final rate = initial / FinalDivFactor, &gt;= 1. Default 1e4.</summary>
    public double FinalDivFactor { get; set; } = 1e4;

    /// <summary>OneCycle: cosine or linear annealing. Default cosine.</summary>
    public AnnealStrategy AnnealStrategy { get; set; } = AnnealStrategy.Cosine;

    /// <summary>OneCycle: cycle SGD momentum (or Adam beta1) inversely to the rate. Default true, as in torch.</summary>
    public bool CycleMomentum { get; set; } = true;

    /// <summary>OneCycle: the lowest momentum, in [0, MaxMomentum]. Default 0.85.</summary>
    public double BaseMomentum { get; set; } = 0.85;

    /// <summary>OneCycle: the highest momentum, in [BaseMomentum, 1). Default 0.95.</summary>
    public double MaxMomentum { get; set; } = 0.95;

    /// <summary>ReduceOnPlateau: the metric watched at each epoch end. Default <c>val_loss</c>.</summary>
    public string Monitor { get; set; } = MetricNames.ValidationLoss;

    /// <summary>ReduceOnPlateau: whether <see cref="Monitor"/> improves downwards or upwards. Default Min.</summary>
    public MetricMode Mode { get; set; } = MetricMode.Min;

    /// <summary>ReduceOnPlateau: the multiplier, in (0, 1). Default 0.1 (the paper divides by 10).</summary>
    public double Factor { get; set; } = 0.1;

    /// <summary>ReduceOnPlateau: epochs without improvement tolerated before reducing, &gt;= 0. Default 10.</summary>
    public int Patience { get; set; } = 10;

    /// <summary>ReduceOnPlateau: the improvement threshold, &gt;= 0. Default 1e-4.</summary>
    public double Threshold { get; set; } = 1e-4;

    /// <summary>ReduceOnPlateau: relative or absolute threshold. Default relative.</summary>
    public ThresholdMode ThresholdMode { get; set; } = ThresholdMode.Relative;

    /// <summary>ReduceOnPlateau: epochs to wait after a reduction before watching again, &gt;= 0. Default 0.</summary>
    public int Cooldown { get; set; }

    /// <summary>ReduceOnPlateau: reductions smaller than this are ignored (eps), &gt;= 0. Default 1e-8.</summary>
    public double MinDelta { get; set; } = 1e-8;
}
