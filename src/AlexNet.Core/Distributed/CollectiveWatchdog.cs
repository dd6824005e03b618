using System;
using System.Threading;

namespace AlexNet.Core.Distributed;

/// <summary>
/// Ends the run when a collective does not complete within <see cref="Timeout"/>: a peer that died without taking
/// the run down, or one that stopped calling the collectives, would otherwise leave this process waiting forever.
/// It prints which rank waited on which operation, then aborts every process.
/// </summary>
internal sealed class CollectiveWatchdog
{
    private readonly ICollectives _collectives;
    private readonly Timer _timer;
    private string _operation = string.Empty;

    /// <summary>Creates a disarmed watchdog for <paramref name="collectives"/>.</summary>
    public CollectiveWatchdog(ICollectives collectives)
    {
        _collectives = collectives;
        _timer = new Timer(_ => Fire(), null, System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
    }

    /// <summary>How long one collective may take; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables the watchdog.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Starts timing <paramref name="operation"/>; disposing the result stops it.</summary>
    public Armed Arm(string operation)
    {
        _operation = operation;
        _timer.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        return new Armed(_timer);
    }

    private void Fire()
    {
        Console.Error.WriteLine(
            $"AlexNet distributed: rank {_collectives.Rank} of {_collectives.WorldSize} waited more than {Timeout.TotalSeconds:0} s in {_operation}; "
            + "another rank died or stopped training. Aborting every rank.");
        _collectives.Abort(1);
    }

    /// <summary>A collective being timed.</summary>
    public readonly struct Armed : IDisposable
    {
        private readonly Timer _timer;

        internal Armed(Timer timer)
        {
            _timer = timer;
        }

        /// <summary>Stops the timing.</summary>
        public void Dispose() => _timer.Change(System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
    }
}
