using System.Globalization;
using AlexNet.Core.Metrics;
using AlexNet.Core.Schedules;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>The learning-rate schedule of a recipe.</summary>
/// <param name="Kind">Constant, step, one-cycle or reduce-on-plateau.</param>
/// <param name="StepSize">Step: epochs between multiplications.</param>
/// <param name="Gamma">Step: the multiplier.</param>
/// <param name="Patience">Reduce-on-plateau: epochs without improvement of the validation error before dividing.</param>
/// <param name="ResetOptimizer">Step: a new optimizer at each decay, so Adam's moment estimates restart (write-up 004 creates a new Adam).</param>
public sealed record RecipeSchedule(ScheduleKind Kind, int StepSize = 0, double Gamma = 1, int Patience = 0, bool ResetOptimizer = false)
{
    /// <summary>A constant learning rate.</summary>
    public static RecipeSchedule Constant { get; } = new(ScheduleKind.None);

    /// <summary>Multiply the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public static RecipeSchedule Step(int stepSize, double gamma) => new(ScheduleKind.Step, stepSize, gamma);

    /// <summary>
    /// Multiply the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs by creating a new optimizer
    /// at the new rate, its state (Adam's moments) starting afresh, as <c>optimizer = torch.optim.Adam(params, lr=lr / 2)</c> does.
    /// </summary>
    public static RecipeSchedule StepWithNewOptimizer(int stepSize, double gamma) => new(ScheduleKind.Step, stepSize, gamma, ResetOptimizer: true);

    /// <summary>One cycle over the whole run, stepped every batch: up to the optimizer's rate in the first 30% of the steps, then down (cosine).</summary>
    public static RecipeSchedule OneCycle { get; } = new(ScheduleKind.OneCycle);

    /// <summary>Divide the rate by 10 when the validation error has not improved for <paramref name="patience"/> epochs (the paper's).</summary>
    public static RecipeSchedule DivideBy10OnPlateau(int patience) => new(ScheduleKind.ReduceOnPlateau, Gamma: 0.1, Patience: patience);

    /// <summary>The trainer's options for this schedule.</summary>
    public LearningRateScheduleOptions ToOptions() => Kind switch
    {
        ScheduleKind.None => new LearningRateScheduleOptions { Kind = ScheduleKind.None },
        ScheduleKind.Step => new LearningRateScheduleOptions
        {
            Kind = ScheduleKind.Step,
            Step = { StepSize = StepSize, Gamma = Gamma, ResetOptimizerOnDecay = ResetOptimizer },
        },
        ScheduleKind.OneCycle => new LearningRateScheduleOptions { Kind = ScheduleKind.OneCycle },
        ScheduleKind.ReduceOnPlateau => new LearningRateScheduleOptions
        {
            Kind = ScheduleKind.ReduceOnPlateau,
            ReduceOnPlateau = { Monitor = MetricNames.ValidationError, Mode = MetricMode.Min, Factor = Gamma, Patience = Patience },
        },
        _ => throw new InvalidOperationException($"Recipes use the None, Step, OneCycle and ReduceOnPlateau schedules; got {Kind}."),
    };

    /// <summary>For example "constant", "x0.5 every 5 epochs" or "/10 when val error plateaus (patience 3)".</summary>
    public override string ToString() => Kind switch
    {
        ScheduleKind.None => "constant",
        ScheduleKind.Step => string.Create(CultureInfo.InvariantCulture, $"x{Gamma} every {StepSize} epochs") + (ResetOptimizer ? ", new optimizer at each decay" : string.Empty),
        ScheduleKind.OneCycle => "one cycle (peak = lr)",
        ScheduleKind.ReduceOnPlateau => string.Create(CultureInfo.InvariantCulture, $"/{1 / Gamma:0} when val error plateaus (patience {Patience})"),
        _ => Kind.ToString(),
    };
}
