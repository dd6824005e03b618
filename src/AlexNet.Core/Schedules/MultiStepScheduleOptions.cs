using System.Collections.Generic;

namespace AlexNet.Core.Schedules;

/// <summary>
/// Settings of <see cref="ScheduleKind.MultiStep"/> (MultiStepLR): multiply the rate by <see cref="Gamma"/> at each of the
/// <see cref="Milestones"/>.
/// </summary>
public sealed class MultiStepScheduleOptions
{
    /// <summary>The epochs (0-based, strictly increasing, in [1, epochs - 1]) at which the rate is multiplied by <see cref="Gamma"/>.</summary>
    public IList<int> Milestones { get; set; } = new List<int>();

    /// <summary>The multiplier, in (0, 1]. Default 0.5 (halve).</summary>
    public double Gamma { get; set; } = 0.5;

    /// <summary>
    /// Each time the rate decays, replace the optimizer by a new one (see <see cref="StepScheduleOptions.ResetOptimizerOnDecay"/>).
    /// Default false.
    /// </summary>
    public bool ResetOptimizerOnDecay { get; set; }
}
