using System;
using System.Collections.Generic;
using System.Diagnostics;
using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Training;

/// <summary>
/// Accumulates the parts of <see cref="FitTimes"/> during a fit with <see cref="Stopwatch.GetTimestamp"/> (no host
/// synchronisation with a device). The hook time comes from <see cref="HookRunner.Ticks"/>.
/// </summary>
internal sealed class FitClock
{
    private readonly HookRunner _hooks;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly long _hookStart;
    private long _dataWait;
    private long _step;
    private long _validation;
    private long _validationHooks;

    /// <summary>Starts the clock; hook time is read from <paramref name="hooks"/>.</summary>
    public FitClock(HookRunner hooks)
    {
        _hooks = hooks;
        _hookStart = hooks.Ticks;
    }

    /// <summary><paramref name="batches"/>, adding the time each MoveNext takes to the data wait.</summary>
    public IEnumerable<Batch> Timed(IEnumerable<Batch> batches)
    {
        using var enumerator = batches.GetEnumerator();
        while (true)
        {
            long before = Stopwatch.GetTimestamp();
            bool more = enumerator.MoveNext();
            _dataWait += Stopwatch.GetTimestamp() - before;
            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    /// <summary>Runs a training step; its time, less the hooks it called, counts as step time.</summary>
    public T Step<T>(Func<T> step)
    {
        long before = Stopwatch.GetTimestamp();
        long hooksBefore = _hooks.Ticks;
        try
        {
            return step();
        }
        finally
        {
            _step += Stopwatch.GetTimestamp() - before - (_hooks.Ticks - hooksBefore);
        }
    }

    /// <summary>Runs validation; its time, hooks included, counts as validation time.</summary>
    public T Validation<T>(Func<T> validate)
    {
        long before = Stopwatch.GetTimestamp();
        long hooksBefore = _hooks.Ticks;
        try
        {
            return validate();
        }
        finally
        {
            _validation += Stopwatch.GetTimestamp() - before;
            _validationHooks += _hooks.Ticks - hooksBefore;
        }
    }

    /// <summary>The times so far.</summary>
    public FitTimes Read()
    {
        long hooks = _hooks.Ticks - _hookStart - _validationHooks;
        return new FitTimes(Time(_dataWait), Time(_step), Time(hooks), Time(_validation), Time(Stopwatch.GetTimestamp() - _start));
    }

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds((double)Math.Max(ticks, 0) / Stopwatch.Frequency);
}
