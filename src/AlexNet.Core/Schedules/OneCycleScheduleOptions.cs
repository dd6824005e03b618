namespace AlexNet.Core.Schedules;

/// <summary>Settings of <see cref="ScheduleKind.OneCycle"/> (OneCycleLR, stepped every batch over all epochs).</summary>
public sealed class OneCycleScheduleOptions
{
    /// <summary>The peak rate (max_lr), &gt;= 0; 0 means the optimizer's <c>OptimizerOptions.LearningRate</c>. Default 0.</summary>
    public double MaxLearningRate { get; set; }

    /// <summary>Fraction of the steps spent increasing the rate, in (0, 1). Default 0.3.</summary>
    public double PercentStart { get; set; } = 0.3;

    /// <summary>Initial rate = max / DivFactor, &gt;= 1. Default 25.</summary>
    public double DivFactor { get; set; } = 25;

    /// <summary>Final rate = initial / FinalDivFactor, &gt;= 1. Default 1e4.</summary>
    public double FinalDivFactor { get; set; } = 1e4;

    /// <summary>Cosine or linear annealing. Default cosine.</summary>
    public AnnealStrategy AnnealStrategy { get; set; } = AnnealStrategy.Cosine;

    /// <summary>Cycle SGD momentum (or Adam beta1) inversely to the rate. Default true, as in torch.</summary>
    public bool CycleMomentum { get; set; } = true;

    /// <summary>The lowest momentum, in [0, <see cref="MaxMomentum"/>]. Default 0.85.</summary>
    public double BaseMomentum { get; set; } = 0.85;

    /// <summary>The highest momentum, in [<see cref="BaseMomentum"/>, 1). Default 0.95.</summary>
    public double MaxMomentum { get; set; } = 0.95;
}
