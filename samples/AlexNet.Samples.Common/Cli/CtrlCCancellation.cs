
namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// Turns the first Ctrl+C into a cancellation request, so that training stops within one batch and the checkpoint
/// hook saves <c>last.ckpt</c>; a second Ctrl+C ends the process at once.
/// </summary>
public sealed class CtrlCCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    /// <summary>Starts listening for Ctrl+C.</summary>
    public CtrlCCancellation() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Cancelled after the first Ctrl+C.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_source.IsCancellationRequested)
        {
            e.Cancel = true;
            Console.Error.WriteLine("Stopping after the current batch (press Ctrl+C again to end at once)...");
            _source.Cancel();
        }
    }
}
