using AlexNet.Core.Models;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>The Fashion-MNIST recipe with issue 24's augmentation parts.</summary>
public static partial class RecipeCatalogue
{
    /// <summary>The name of <see cref="FashionMnistAugmented"/>.</summary>
    public const string FashionMnistAugmentedName = "fashion-mnist-augmented";

    /// <summary>
    /// The quick recipe's network and optimizer on all 60,000 images for longer, with TrivialAugmentWide, RandomErasing
    /// and per-image mixup / CutMix.
    /// </summary>
    private static Recipe FashionMnistAugmented => new()
    {
        Name = FashionMnistAugmentedName,
        Title = "Fashion-MNIST with TrivialAugmentWide, RandomErasing, mixup and CutMix (CIFAR batch-norm AlexNet, 28 x 28)",
        Source = "ours (issue 24's augmentation parts)",
        Dataset = RecipeDataset.FashionMnist,
        Variant = Variant.CifarBatchNorm,
        InputSize = 28,
        Transforms = RecipeTransforms.FashionMnist,
        TrainTransformSteps = new[] { "TrivialAugmentWide()", "ToTensor()", "Normalize((0.28604,), (0.35302,))", "RandomErasing(p=0.25)" },
        TestTransformSteps = new[] { "ToTensor()", "Normalize((0.28604,), (0.35302,))" },
        Optimizer = RecipeOptimizer.Adam(2e-3),
        Schedule = RecipeSchedule.OneCycle,
        BatchSize = 128,
        Epochs = 15,
        Precision = AlexNet.Core.Precision.TrainingPrecision.Bf16Mixed.ToString(),
        Augmentation = new RecipeAugmentation
        {
            TrivialAugment = true, RandomErasing = 0.25, MixupAlpha = 0.2, CutMixAlpha = 1.0, MixProbability = 0.5,
        },
        ReportedAccuracy = "ours, not measured yet",
        ChosenByUs = Chosen(
            RecipeField.Variant, RecipeField.InputSize, RecipeField.Transforms, RecipeField.Optimizer,
            RecipeField.Schedule, RecipeField.BatchSize, RecipeField.Epochs),
        Notes = "Mixup (alpha 0.2) and CutMix (alpha 1.0) per image with probability 0.5 (half each), timm's soft-target loss; "
            + "train top-1 counts the argmax of the mixed target. Every part can be changed from the command line "
            + "(--mixup, --cutmix, --mix-prob, --random-erasing, --trivial-augment).",
    };
}
