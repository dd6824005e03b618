using AlexNet.Data.Datasets;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;
using AlexNet.Samples.Common.Runs;

namespace AlexNet.Samples;

/// <summary>
/// Trains an AlexNet on Fashion-MNIST and prints the test accuracy. With no arguments it runs the quick recipe
/// (about 10 minutes on 2 CPU cores) on the real data from Debian's <c>dataset-fashion-mnist</c> package, or on
/// a small synthetic set, with a notice, where the package is not installed.
/// </summary>
public static class FashionMnistSample
{
    /// <summary>The command line of this sample.</summary>
    public static SampleDefinition Definition { get; } = new(
        "FashionMnist",
        "Trains an AlexNet on Fashion-MNIST and prints the test accuracy; writes metrics, TensorBoard events, checkpoints, plots and report.md into the output folder.",
        RecipeDataset.FashionMnist,
        RecipeCatalogue.FashionMnistDefault,
        FashionMnist.DefaultDirectory,
        "Folder with the four Fashion-MNIST IDX files (.gz or unpacked). Without --data: Debian's dataset-fashion-mnist package, or synthetic data when it is absent.",
        OffersSynthetic: true,
        OffersDownload: false);

    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => SampleProgram.Main(Definition, args, Load);

    /// <summary>Runs the sample with <paramref name="args"/>; returns the exit code (0, or 1 failed, 2 bad command line, 130 cancelled).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        SampleProgram.Run(Definition, args, output, error, Load, cancellationToken);

    /// <summary>Runs with another definition (tests use it to point the default data folder somewhere empty).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, SampleDefinition definition) =>
        SampleProgram.Run(definition, args, output, error, Load, CancellationToken.None);

    /// <summary>The real data, or synthetic data (asked for, or as the fallback when the default folder is missing); null after an error line.</summary>
    private static SampleData? Load(SampleSettings settings, TextWriter output, TextWriter error)
    {
        if (settings.Synthetic)
        {
            return Synthetic(settings.Seed, "generated because --synthetic was given");
        }

        try
        {
            return SampleData.Load(
                () => FashionMnist.Load(settings.DataPath, DatasetSplit.Train),
                () => FashionMnist.Load(settings.DataPath, DatasetSplit.Test),
                $"Fashion-MNIST from {Path.GetFullPath(settings.DataPath)}");
        }
        catch (DatasetNotFoundException e) when (!settings.DataPathGiven)
        {
            error.WriteLine($"FashionMnist: Fashion-MNIST is not installed in {e.Directory}; install it with `sudo apt-get install dataset-fashion-mnist` (or pass --data PATH).");
            output.WriteLine("NOTICE: training on a small SYNTHETIC dataset instead (2,000 + 500 generated images); its accuracy says nothing about Fashion-MNIST.");
            return Synthetic(settings.Seed, $"generated because {e.Directory} has no Fashion-MNIST");
        }
        catch (DatasetNotFoundException e)
        {
            error.WriteLine($"FashionMnist: {e.Message}");
            return null;
        }
    }

    private static SampleData Synthetic(long seed, string why)
    {
        var classes = FashionMnist.Classes;
        return SampleData.Load(
            () => SyntheticImages.Create(2_000, 1, 28, classes, seed, "synthetic train"),
            () => SyntheticImages.Create(500, 1, 28, classes, seed + 1, "synthetic test"),
            $"SYNTHETIC 1 x 28 x 28 images with Fashion-MNIST's class names ({why})");
    }
}
