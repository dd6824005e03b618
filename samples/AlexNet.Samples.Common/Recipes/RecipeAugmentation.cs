using System.Text.Json.Nodes;
using AlexNet.Core.Training;
using AlexNet.Data.Transforms;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// A recipe's training-time augmentation beyond its pipelines: TrivialAugmentWide on the uint8 images before the
/// pipeline, RandomErasing after it, and mixup / CutMix of the batches in the trainer (timm's <c>Mixup</c>, per-image
/// draws). The command line's <c>--trivial-augment</c>, <c>--random-erasing</c>, <c>--mixup</c>, <c>--cutmix</c> and
/// <c>--mix-prob</c> override it.
/// </summary>
public sealed record RecipeAugmentation
{
    /// <summary>No augmentation beyond the pipelines.</summary>
    public static RecipeAugmentation None { get; } = new();

    /// <summary>Mixup alpha (0: off).</summary>
    public double MixupAlpha { get; init; }

    /// <summary>CutMix alpha (0: off).</summary>
    public double CutMixAlpha { get; init; }

    /// <summary>Probability that an image is mixed (per-image draws; CutMix or mixup half each when both are on).</summary>
    public double MixProbability { get; init; } = 1.0;

    /// <summary>Probability of RandomErasing (0: off).</summary>
    public double RandomErasing { get; init; }

    /// <summary>TrivialAugmentWide on or off.</summary>
    public bool TrivialAugment { get; init; }

    /// <summary>The trainer's mixing options (mixup / CutMix per image, timm's element mode).</summary>
    public BatchMixingOptions ToMixingOptions() => new()
    {
        MixupAlpha = MixupAlpha,
        CutMixAlpha = CutMixAlpha,
        Probability = MixProbability,
        Mode = BatchMixingMode.Element,
    };

    /// <summary><paramref name="train"/> with TrivialAugmentWide before it and RandomErasing after it, where they are on.</summary>
    public ITransform Wrap(ITransform train)
    {
        var steps = new List<ITransform>();
        if (TrivialAugment)
        {
            steps.Add(ImageTransforms.TrivialAugmentWide());
        }

        steps.Add(train);
        if (RandomErasing > 0)
        {
            steps.Add(ImageTransforms.RandomErasing(RandomErasing));
        }

        return steps.Count == 1 ? train : ImageTransforms.Compose(steps.ToArray());
    }

    /// <summary>The settings as a JSON object, for <c>--dry-run</c>.</summary>
    public JsonObject ToNode() => new()
    {
        ["trivialAugmentWide"] = TrivialAugment,
        ["randomErasing"] = RandomErasing,
        ["mixupAlpha"] = MixupAlpha,
        ["cutMixAlpha"] = CutMixAlpha,
        ["mixProbability"] = MixupAlpha > 0 || CutMixAlpha > 0 ? MixProbability : null,
        ["mixMode"] = MixupAlpha > 0 || CutMixAlpha > 0 ? "element" : null,
    };
}
