using System;
using System.IO;
using System.Threading;
using AlexNet.Data.Datasets;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;
using AlexNet.Samples.Common.Runs;
using Microsoft.Extensions.Options;

namespace AlexNet.Samples;

/// <summary>
/// Trains an AlexNet on CIFAR-10 with one of the CIFAR recipes and prints the test accuracy. Reads the binary
/// version: the official <c>cifar-10-binary.tar.gz</c> as it is, or its unpacked <c>cifar-10-batches-bin/</c>.
/// Without the data it says where to get it and exits with code 1.
/// </summary>
public static class Cifar10Sample
{
    /// <summary>Where the dataset is looked for without <c>--data</c>: <c>data/</c> in the current folder.</summary>
    public const string DefaultDataPath = "data";

    /// <summary>The command line of this sample.</summary>
    public static SampleDefinition Definition { get; } = new(
        "Cifar10",
        "Trains an AlexNet on CIFAR-10 and prints the test accuracy; writes metrics, TensorBoard events, checkpoints, plots and report.md into the output folder.",
        RecipeDataset.Cifar10,
        RecipeCatalogue.Cifar10Default,
        DefaultDataPath,
        $"cifar-10-binary.tar.gz, the unpacked {Cifar10Reader.FolderName}/ folder, or a folder holding either.",
        OffersSynthetic: false,
        OffersDownload: true);

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        using var ctrlC = new CtrlCCancellation();
        return Run(args, Console.Out, Console.Error, ctrlC.Token);
    }

    /// <summary>Runs the sample with <paramref name="args"/>; returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Progress, results, help.</param>
    /// <param name="error">Error lines.</param>
    /// <param name="cancellationToken">Stops training within one batch (after saving <c>last.ckpt</c>); the exit code is then 130.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        new SampleCommandLine(Definition).Invoke(args, settings => Train(settings, args, output, error, cancellationToken), output, error);

    private static int Train(SampleSettings settings, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var load = new DatasetLoadOptions { Download = settings.Download };
            using var data = new SampleData(
                Cifar10Reader.Load(settings.DataPath, DatasetSplit.Train, load),
                Cifar10Reader.Load(settings.DataPath, DatasetSplit.Test, load),
                $"CIFAR-10 from {Path.GetFullPath(settings.DataPath)}");
            SampleRun.Execute(settings, data, SampleCommand.Format("samples/Cifar10", args), output, cancellationToken);
            return SampleCommandLine.Success;
        }
        catch (OperationCanceledException)
        {
            return SampleCommandLine.Cancelled;
        }
        catch (DatasetNotFoundException e)
        {
            error.WriteLine(
                $"Cifar10: CIFAR-10 not found in {Path.GetFullPath(e.Directory)}. Download {Cifar10Reader.OfficialBaseUrl}{Cifar10Reader.Archive.FileName} " +
                $"(170 MB, MD5 {Cifar10Reader.Archive.FileMd5}) and pass --data PATH (the .tar.gz as it is, the unpacked {Cifar10Reader.FolderName}/ folder, " +
                "or a folder holding either), or add --download.");
            return SampleCommandLine.Failure;
        }
        catch (Exception e) when (e is IOException or OptionsValidationException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"Cifar10: {e.Message}");
            return SampleCommandLine.Failure;
        }
    }
}
