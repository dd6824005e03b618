using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// The augmentation options of the training samples: <c>--mixup ALPHA</c>, <c>--cutmix ALPHA</c>, <c>--mix-prob P</c>,
/// <c>--random-erasing P</c> and <c>--trivial-augment</c>, each overriding the recipe's <see cref="RecipeAugmentation"/>.
/// </summary>
internal sealed class AugmentationOptions
{
    private readonly Option<double?> _mixup = Number(
        "--mixup", "alpha", "Mixup with Beta(alpha, alpha) weights, per image (timm's Mixup); 0 = off [default: the recipe's].", probability: false);

    private readonly Option<double?> _cutMix = Number(
        "--cutmix",
        "alpha",
        "CutMix with Beta(alpha, alpha) weights, per image; with --mixup, half the mixed images each [default: the recipe's].",
        probability: false);

    private readonly Option<double?> _mixProbability = Number(
        "--mix-prob", "p", "Probability that an image is mixed by --mixup / --cutmix, in [0, 1] [default: the recipe's, or 1].", probability: true);

    private readonly Option<double?> _randomErasing = Number(
        "--random-erasing",
        "p",
        "RandomErasing after the pipeline with this probability (torchvision's other defaults); 0 = off [default: the recipe's].",
        probability: true);

    private readonly Option<bool?> _trivialAugment = new("--trivial-augment")
    {
        Description = "TrivialAugmentWide on the uint8 images before the pipeline (--trivial-augment false turns a recipe's off) [default: the recipe's].",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The options, for the command and for --resume's list of fixed settings.</summary>
    public Option[] All => new Option[] { _mixup, _cutMix, _mixProbability, _randomErasing, _trivialAugment };

    /// <summary>The recipe's augmentation with the options given applied.</summary>
    public RecipeAugmentation Resolve(ParseResult parsed, Recipe recipe)
    {
        RecipeAugmentation a = recipe.Augmentation;
        return a with
        {
            MixupAlpha = parsed.GetValue(_mixup) ?? a.MixupAlpha,
            CutMixAlpha = parsed.GetValue(_cutMix) ?? a.CutMixAlpha,
            MixProbability = parsed.GetValue(_mixProbability) ?? a.MixProbability,
            RandomErasing = parsed.GetValue(_randomErasing) ?? a.RandomErasing,
            TrivialAugment = parsed.GetResult(_trivialAugment) is null ? a.TrivialAugment : parsed.GetValue(_trivialAugment) ?? true,
        };
    }

    private static Option<double?> Number(string name, string helpName, string description, bool probability) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            string token = string.Join(" ", result.Tokens.Select(t => t.Value));
            bool parsed = double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
            if (!parsed || !double.IsFinite(value) || value < 0 || (probability && value > 1))
            {
                result.AddError(probability
                    ? $"{name} must be a probability in [0, 1]; got '{token}'."
                    : $"{name} must be a number of 0 or more (0 turns it off); got '{token}'.");
                return null;
            }

            return value;
        },
    };
}
