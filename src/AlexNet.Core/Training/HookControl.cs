using System;

namespace AlexNet.Core.Training;

/// <summary>
/// What a hook tells the trainer after a batch, a validation pass or an epoch: go on, or stop cleanly with a reason.
/// </summary>
/// <remarks>
/// Stopping is not an error: the trainer finishes the current hook round (every hook still sees the event), skips
/// the rest of the run, calls <see cref="TrainingHook.OnFitEnd"/> and returns a <see cref="TrainingResult"/> whose
/// <see cref="TrainingResult.StopReason"/> is the reason given here.
/// </remarks>
public readonly struct HookControl
{
    private HookControl(bool stop, string? reason)
    {
        ShouldStop = stop;
        Reason = reason;
    }

    /// <summary>Carry on training.</summary>
    public static HookControl Continue => default;

    /// <summary>True when the hook asks training to stop.</summary>
    public bool ShouldStop { get; }

    /// <summary>Why, for a stop; null for <see cref="Continue"/>.</summary>
    public string? Reason { get; }

    /// <summary>Stop training cleanly, for <paramref name="reason"/> (shown to the user and returned in the result).</summary>
    public static HookControl Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new HookControl(true, reason);
    }
}
