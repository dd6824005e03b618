using AlexNet.Data.Datasets;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;
using AlexNet.Samples.Common.Runs;

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
        $"{Cifar10.ArchiveFileName}, the unpacked {Cifar10.FolderName}/ folder, or a folder holding either.",
        OffersSynthetic: false,
        OffersDownload: true);

    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => SampleProgram.Main(Definition, args, Load);

    /// <summary>Runs the sample with <paramref name="args"/>; returns the exit code (0, or 1 failed, 2 bad command line, 130 cancelled).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        SampleProgram.Run(Definition, args, output, error, Load, cancellationToken);

    /// <summary>The training and test sets, or null after saying where to get CIFAR-10.</summary>
    private static SampleData? Load(SampleSettings settings, TextWriter output, TextWriter error)
    {
        var options = new DatasetLoadOptions { Download = settings.Download };
        try
        {
            return SampleData.Load(
                () => Cifar10.Load(settings.DataPath, DatasetSplit.Train, options),
                () => Cifar10.Load(settings.DataPath, DatasetSplit.Test, options),
                $"CIFAR-10 from {Path.GetFullPath(settings.DataPath)}");
        }
        catch (DatasetNotFoundException e)
        {
            error.WriteLine(
                $"Cifar10: CIFAR-10 not found in {Path.GetFullPath(e.Directory)}. Download {Cifar10.OfficialBaseUrl}{Cifar10.ArchiveFileName} " +
                $"(170 MB, MD5 {Cifar10.ArchiveMd5}) and pass --data PATH (the .tar.gz as it is, the unpacked {Cifar10.FolderName}/ folder, " +
                "or a folder holding either), or add --download.");
            return null;
        }
    }
}
