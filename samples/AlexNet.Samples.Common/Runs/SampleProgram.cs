using AlexNet.Core.Checkpoints;
using AlexNet.Samples.Common.Cli;
using Microsoft.Extensions.Options;

namespace AlexNet.Samples.Common.Runs;

/// <summary>Reads the data of a run; returns null after writing one error line.</summary>
/// <param name="settings">The parsed command line.</param>
/// <param name="output">Where notices go.</param>
/// <param name="error">Where the error line goes.</param>
public delegate SampleData? SampleDataLoader(SampleSettings settings, TextWriter output, TextWriter error);

/// <summary>
/// The body of a training sample's <c>Main</c>: parse the command line, load the data, run the recipe, and turn
/// the outcome into an exit code (0 done, 1 failed with one error line, 2 bad command line, 130 cancelled).
/// </summary>
public static class SampleProgram
{
    /// <summary>Runs on the console, Ctrl+C cancelling training after <c>last.ckpt</c> is saved.</summary>
    public static int Main(SampleDefinition definition, string[] args, SampleDataLoader load)
    {
        using var ctrlC = new CtrlCCancellation();
        return Run(definition, args, Console.Out, Console.Error, load, ctrlC.Token);
    }

    /// <summary>Runs with the given writers and cancellation; returns the exit code.</summary>
    public static int Run(SampleDefinition definition, string[] args, TextWriter output, TextWriter error, SampleDataLoader load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(load);
        return new SampleCommandLine(definition).Invoke(args, settings => Train(definition, settings, args, output, error, load, cancellationToken), output, error);
    }

    private static int Train(SampleDefinition definition, SampleSettings settings, string[] args, TextWriter output, TextWriter error, SampleDataLoader load, CancellationToken cancellationToken)
    {
        try
        {
            using SampleData? data = load(settings, output, error);
            if (data is null)
            {
                return SampleCommandLine.Failure;
            }

            SampleRun.Execute(settings, data, SampleCommand.Format("samples/" + definition.Name, args), output, cancellationToken);
            return SampleCommandLine.Success;
        }
        catch (OperationCanceledException)
        {
            return SampleCommandLine.Cancelled;
        }
        catch (Exception e) when (e is IOException or CheckpointException or OptionsValidationException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"{definition.Name}: {e.Message}");
            return SampleCommandLine.Failure;
        }
    }
}
