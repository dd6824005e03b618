using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace AlexNet.Core.Training;

/// <summary>
/// Calls the trainer's hooks in order: events that may stop training (the first stop wins), plain events, the
/// exception notification (every hook, even when one fails), and the hooks' unique checkpoint state keys.
/// </summary>
internal sealed class HookRunner
{
    /// <summary>The hooks, in call order (the list <see cref="Trainer.Hooks"/> exposes).</summary>
    public List<TrainingHook> Hooks { get; } = new();

    /// <summary>Host-clock ticks (<see cref="Stopwatch.Frequency"/> per second) spent in the event calls so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>Calls every hook; returns the first stop asked for, or <see cref="HookControl.Continue"/>.</summary>
    public HookControl ForEachHook(Func<TrainingHook, HookControl> call)
    {
        long start = Stopwatch.GetTimestamp();
        var first = HookControl.Continue;
        try
        {
            foreach (var hook in Hooks)
            {
                var control = call(hook);
                if (control.ShouldStop && !first.ShouldStop)
                {
                    first = control;
                }
            }
        }
        finally
        {
            Ticks += Stopwatch.GetTimestamp() - start;
        }

        return first;
    }

    /// <summary>Calls every hook.</summary>
    public void ForEachHook(Action<TrainingHook> call) => ForEachHook(hook =>
    {
        call(hook);
        return HookControl.Continue;
    });

    /// <summary>
    /// Tells every hook that training fails with <paramref name="exception"/>; one failing hook does not keep the
    /// others from running.
    /// </summary>
    /// <exception cref="AggregateException">Hooks failed: the training failure first, then theirs.</exception>
    public void NotifyException(TrainingState state, Exception exception)
    {
        List<Exception>? hookFailures = null;
        foreach (var hook in Hooks)
        {
            try
            {
                hook.OnException(state, exception);
            }
#pragma warning disable CA1031 // One failing hook must not keep the others from saving their work.
            catch (Exception hookFailure)
#pragma warning restore CA1031
            {
                (hookFailures ??= new List<Exception>()).Add(hookFailure);
            }
        }

        if (hookFailures is not null)
        {
            hookFailures.Insert(0, exception);
            throw new AggregateException(
                "Training failed, and hooks failed while handling it (the training failure is the first inner exception).", hookFailures);
        }
    }

    /// <summary>Each hook with its unique state key: the second hook with the same key gets "#2", and so on.</summary>
    public IEnumerable<(TrainingHook Hook, string Key)> WithStateKeys()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hook in Hooks)
        {
            string key = hook.StateKey;
            int count = seen.TryGetValue(key, out int c) ? c + 1 : 1;
            seen[key] = count;
            yield return (hook, count == 1 ? key : $"{key}#{count}");
        }
    }
}
