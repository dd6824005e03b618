using System;
using System.Threading;

namespace AlexNet.Core.Training;

/// <summary>
/// Lets one <see cref="Trainer.Fit"/> run at a time in the process. Dropout draws its masks from torch's one global
/// CPU generator (TorchSharp 0.107's dropout takes no generator of its own), which every fit seeds and, when resumed,
/// restores: two fits on two threads would interleave their draws and neither would reproduce. Serialising the fits
/// keeps each one exactly as it would be alone.
/// </summary>
/// <remarks>
/// The gate is re-entrant on the thread that holds it. A fit waits while another thread's fit runs; train models in
/// parallel in separate processes.
/// </remarks>
internal static class GlobalGeneratorGate
{
    private static readonly object Gate = new();

    /// <summary>How often a waiting fit looks at its cancellation token.</summary>
    private static readonly TimeSpan CancellationPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Waits until no other thread is fitting, then holds the gate until the returned value is disposed. The wait ends
    /// with an <see cref="OperationCanceledException"/> within <see cref="CancellationPoll"/> of
    /// <paramref name="cancellationToken"/> being cancelled.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while another thread's fit held the gate.</exception>
    public static Holder Enter(CancellationToken cancellationToken)
    {
        while (!Monitor.TryEnter(Gate, CancellationPoll))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return default;
    }

    /// <summary>Releases the gate on dispose (on the thread that entered it).</summary>
    public readonly struct Holder : IDisposable
    {
        /// <summary>Releases the gate.</summary>
        public void Dispose() => Monitor.Exit(Gate);
    }
}
