namespace AlexNet.Core.Schedules;

/// <summary>Settings of <see cref="ScheduleKind.Step"/> (StepLR): multiply the rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs.</summary>
public sealed class StepScheduleOptions
{
    /// <summary>Epochs between multiplications, &gt;= 1. Default 5.</summary>
    public int StepSize { get; set; } = 5;

    /// <summary>The multiplier, in (0, 1]. Default 0.5 (halve).</summary>
    public double Gamma { get; set; } = 0.5;

    /// <summary>
    /// Each time the rate decays, replace the optimizer by a new one at the new rate, so its state restarts (Adam's
    /// moment estimates and step count, SGD's momentum buffers), as code that decays the rate with
    /// <c>optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)</c> does. Default false (the state is kept,
    /// as torch's StepLR keeps it).
    /// </summary>
    public bool ResetOptimizerOnDecay { get; set; }
}
