using System.Globalization;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using TorchSharp.Modules;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// Write-up 003 as a command: builds its AlexNet (the paper's layers without LRN or dropout, log_softmax output,
/// 1000 classes) and torchvision's <c>models.AlexNet()</c>, and prints their torchsummary tables for a 3 x 227 x 227
/// input side by side, then the convolutions' parameter counts compared and the totals. Nothing is trained.
/// </summary>
public static class Summary003Command
{
    /// <summary>The input the write-up summarises: 227 x 227.</summary>
    public const int InputSize = 227;

    /// <summary>The write-up's own AlexNet, built from <see cref="RecipeCatalogue.Summary003"/>.</summary>
    public static AlexNetModel CreateWriteUpNetwork()
    {
        Recipe recipe = RecipeCatalogue.Find(RecipeCatalogue.Summary003)!;
        return AlexNetFactory.Create(recipe.Variant, recipe.Classes, recipe.CreateModelOptions(recipe.InputChannels));
    }

    /// <summary>torchvision's <c>models.AlexNet()</c>: 1000 classes, logits.</summary>
    public static AlexNetModel CreateTorchVisionNetwork() => AlexNetFactory.Create(Variant.TorchVision, 1000);

    /// <summary>Prints the comparison to <paramref name="output"/>; returns the exit code (0).</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using AlexNetModel writeUp = CreateWriteUpNetwork();
        using AlexNetModel torchVision = CreateTorchVisionNetwork();
        var size = new ImageSize(InputSize, InputSize);
        ModelSummary left = ModelSummary.Of(writeUp, size);
        ModelSummary right = ModelSummary.Of(torchVision, size);

        output.WriteLine("Write-up 003: summary(Net, (3, 227, 227)) and summary(models.AlexNet(), (3, 227, 227)), side by side.");
        output.WriteLine();
        WriteSideBySide(
            output,
            "write-up 003's AlexNet (no LRN, no dropout, log_softmax)",
            TorchSummaryTable.Lines(left),
            "torchvision models.AlexNet()",
            TorchSummaryTable.Lines(right));
        output.WriteLine();
        WriteConvolutionComparison(output, writeUp, torchVision, left, right);
        return 0;
    }

    private static void WriteSideBySide(TextWriter output, string leftTitle, IReadOnlyList<string> left, string rightTitle, IReadOnlyList<string> right)
    {
        const int Gap = 4;
        int width = TorchSummaryTable.Width;
        output.WriteLine(leftTitle.PadRight(width + Gap) + rightTitle);
        int rows = Math.Max(left.Count, right.Count);
        for (int i = 0; i < rows; i++)
        {
            string l = i < left.Count ? left[i] : string.Empty;
            string r = i < right.Count ? right[i] : string.Empty;
            output.WriteLine((l.PadRight(width + Gap) + r).TrimEnd());
        }
    }

    private static void WriteConvolutionComparison(TextWriter output, AlexNetModel writeUp, AlexNetModel torchVision, ModelSummary left, ModelSummary right)
    {
        var culture = CultureInfo.InvariantCulture;
        long[] ours = ConvolutionParameters(writeUp);
        long[] theirs = ConvolutionParameters(torchVision);
        output.WriteLine("Parameters per convolution (write-up's AlexNet vs torchvision's):");
        for (int i = 0; i < ours.Length; i++)
        {
            output.WriteLine(string.Create(culture, $"  conv{i + 1}: {ours[i],11:N0} vs {theirs[i],11:N0}"));
        }

        output.WriteLine(string.Create(culture, $"  convolutions: {ours.Sum(),11:N0} vs {theirs.Sum(),11:N0}"));
        output.WriteLine(string.Create(culture, $"  total:        {left.TotalParameters,11:N0} vs {right.TotalParameters,11:N0}"));
        output.WriteLine("Differences: channel widths (96-256-384-384-256 vs 64-192-384-256-256) and torchvision's AdaptiveAvgPool2d((6, 6)).");
    }

    private static long[] ConvolutionParameters(AlexNetModel model) =>
        model.Features.children().OfType<Conv2d>().Select(c => c.parameters().Sum(p => p.numel())).ToArray();
}
