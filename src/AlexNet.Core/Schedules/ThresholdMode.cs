namespace AlexNet.Core.Schedules;

/// <summary>How ReduceOnPlateau compares a new value with the best so far (as torch's <c>threshold_mode</c>).</summary>
public enum ThresholdMode
{
    /// <summary>Improvement means beating the best by a fraction <c>Threshold</c> of it ("rel").</summary>
    Relative,

    /// <summary>Improvement means beating the best by <c>Threshold</c> ("abs").</summary>
    Absolute,
}
