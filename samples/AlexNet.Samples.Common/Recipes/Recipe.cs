using System.Collections.Generic;
using AlexNet.Core.Models;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// A named training preset: the network, input size, data pipelines, optimizer, learning-rate schedule, batch size
/// and epochs of one write-up (or of the paper), with the accuracy its author reported. The catalogue is
/// <see cref="RecipeCatalogue"/>; docs/samples.md prints it as a table.
/// </summary>
public sealed record Recipe
{
    /// <summary>The name given to <c>--recipe</c>, such as "cifar10-bn".</summary>
    public required string Name { get; init; }

    /// <summary>A one-line title.</summary>
    public required string Title { get; init; }

    /// <summary>Where the recipe comes from (the write-up or the paper), or "ours".</summary>
    public required string Source { get; init; }

    /// <summary>The dataset it trains on.</summary>
    public required RecipeDataset Dataset { get; init; }

    /// <summary>The network.</summary>
    public required Variant Variant { get; init; }

    /// <summary>Local response normalisation on or off (null: the variant's default).</summary>
    public bool? UseLocalResponseNorm { get; init; }

    /// <summary>The weight initialisation (null: the variant's default).</summary>
    public WeightInit? WeightInit { get; init; }

    /// <summary>Width of the hidden fully connected layers (null: the variant's default).</summary>
    public int? ClassifierWidth { get; init; }

    /// <summary>Height and width of the images the network sees.</summary>
    public required int InputSize { get; init; }

    /// <summary>The training and test pipelines.</summary>
    public required RecipeTransforms Transforms { get; init; }

    /// <summary>The optimizer.</summary>
    public required RecipeOptimizer Optimizer { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    public required RecipeSchedule Schedule { get; init; }

    /// <summary>Images per training batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Training epochs.</summary>
    public required int Epochs { get; init; }

    /// <summary>
    /// <see cref="AlexNet.Core.Training.TrainerOptions.Precision"/> of the recipe: "32-true" (default) or "bf16-mixed";
    /// <c>--precision</c> overrides it.
    /// </summary>
    public string Precision { get; init; } = AlexNet.Core.Training.TrainingPrecision.True32;

    /// <summary>Training images used by default (a seeded random subset); null for the whole training set.</summary>
    public int? TrainSubset { get; init; }

    /// <summary>The accuracy the recipe's author reported, in their words, or why there is none.</summary>
    public required string ReportedAccuracy { get; init; }

    /// <summary>The settings the source does not state, which we chose (marked with * in tables).</summary>
    public IReadOnlySet<RecipeField> ChosenByUs { get; init; } = new HashSet<RecipeField>();

    /// <summary>Anything else a reader should know (deviations, what a value means).</summary>
    public string Notes { get; init; } = string.Empty;

    /// <summary>The model options of this recipe for images with <paramref name="inputChannels"/> channels.</summary>
    public AlexNetOptions CreateModelOptions(int inputChannels) => new()
    {
        InputChannels = inputChannels,
        UseLocalResponseNorm = UseLocalResponseNorm,
        WeightInit = WeightInit,
        ClassifierWidth = ClassifierWidth,
    };

    /// <summary>The training pipeline in a few words, such as "crop 32 (pad 4), flip, ColorJitter, RandomGrayscale(0.3), z-score".</summary>
    public string DescribeTransforms() => Transforms switch
    {
        RecipeTransforms.FashionMnist => InputSize == 28 ? "z-score" : $"z-score, resize to {InputSize}",
        RecipeTransforms.CifarBatchNorm => "crop 32 (pad 4), flip, ColorJitter(0.2, 0.2, 0.2, 0.1), RandomGrayscale(0.3), per-channel z-score",
        RecipeTransforms.Resize227 => "resize to 227, flip, per-channel z-score",
        RecipeTransforms.Resize224ImageNet => "resize to 224, flip, ImageNet z-score",
        RecipeTransforms.Paper => "resize to 256, random 227 crops, flip, PCA lighting, per-channel z-score; ten-crop test",
        _ => Transforms.ToString(),
    };

    /// <summary>The variant with its non-default options, such as "Paper (LRN, paper init)".</summary>
    public string DescribeModel()
    {
        var parts = new List<string>();
        if (UseLocalResponseNorm is bool lrn)
        {
            parts.Add(lrn ? "LRN" : "no LRN");
        }

        if (WeightInit is { } init)
        {
            parts.Add($"{init} init");
        }

        if (ClassifierWidth is int width)
        {
            parts.Add($"classifier width {width}");
        }

        return parts.Count == 0 ? Variant.ToString() : $"{Variant} ({string.Join(", ", parts)})";
    }
}
