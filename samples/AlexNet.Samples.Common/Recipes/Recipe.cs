using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Training;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// A named training preset: the network, input size, data pipelines, optimizer, learning-rate schedule, batch size
/// and epochs of one write-up (or of the paper), with the accuracy its author reported. The catalogue is
/// <see cref="RecipeCatalogue"/>; docs/samples.md prints it as a table.
/// </summary>
public sealed record Recipe
{
    /// <summary>The name given to <c>--recipe</c>, such as "cifar10-002".</summary>
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

    /// <summary>LRN alpha, read as <see cref="LrnAlphaConvention"/> says (write-ups pass 1e-4 to PyTorch's LocalResponseNorm).</summary>
    public double LrnAlpha { get; init; } = 1e-4;

    /// <summary>How <see cref="LrnAlpha"/> is read: <see cref="Core.Models.LrnAlphaConvention.PyTorch"/> for write-ups that call nn.LocalResponseNorm(5, alpha=1e-4, ...).</summary>
    public LrnAlphaConvention LrnAlphaConvention { get; init; } = LrnAlphaConvention.Paper;

    /// <summary>The weight initialisation (null: the variant's default).</summary>
    public WeightInit? WeightInit { get; init; }

    /// <summary>Dropout probability (null: the variant's default, 0.5 or 0.2).</summary>
    public double? DropoutRate { get; init; }

    /// <summary>Where the dropout layers sit.</summary>
    public DropoutPlacement DropoutPlacement { get; init; } = DropoutPlacement.BeforeHiddenLinear;

    /// <summary>Dropout stays on at test time (001's <c>F.dropout(out, 0.5)</c>).</summary>
    public bool DropoutInEvaluation { get; init; }

    /// <summary>What the network outputs: logits, or log-probabilities (a final log_softmax).</summary>
    public ModelOutput Output { get; init; } = ModelOutput.Logits;

    /// <summary>The loss: cross-entropy on logits or NLL on log-probabilities; null for a recipe that trains nothing (003).</summary>
    public LossKind? Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>The classes of the output layer: 10 for the datasets, 1000 for write-up 003's ImageNet-shaped networks.</summary>
    public int Classes { get; init; } = 10;

    /// <summary>Width of the hidden fully connected layers (null: the variant's default).</summary>
    public int? ClassifierWidth { get; init; }

    /// <summary>Height and width of the images the network sees.</summary>
    public required int InputSize { get; init; }

    /// <summary>The training and test pipelines.</summary>
    public required RecipeTransforms Transforms { get; init; }

    /// <summary>The optimizer; null for a recipe that trains nothing (003).</summary>
    public required RecipeOptimizer? Optimizer { get; init; }

    /// <summary>The learning-rate schedule; null for a recipe that trains nothing (003).</summary>
    public required RecipeSchedule? Schedule { get; init; }

    /// <summary>Images per training batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Images per test batch (null: the training batch size).</summary>
    public int? TestBatchSize { get; init; }

    /// <summary>The training pipeline as the write-up's torchvision transforms, names with arguments ("Resize(227)", "ToTensor()").</summary>
    public IReadOnlyList<string> TrainTransformSteps { get; init; } = System.Array.Empty<string>();

    /// <summary>The test pipeline as the write-up's torchvision transforms.</summary>
    public IReadOnlyList<string> TestTransformSteps { get; init; } = System.Array.Empty<string>();

    /// <summary>The normalisation and how its values are obtained.</summary>
    public RecipeNormalization Normalization { get; init; } = RecipeNormalization.None;

    /// <summary>The figure the write-up reports (structured; <see cref="ReportedAccuracy"/> says it in words).</summary>
    public RecipeReported? Reported { get; init; }

    /// <summary>The TensorBoard scalar tags the write-up writes (none for most).</summary>
    public IReadOnlyList<string> TensorBoardTags { get; init; } = System.Array.Empty<string>();

    /// <summary>Channels of the input images: 1 for Fashion-MNIST, 3 otherwise.</summary>
    public int InputChannels => Dataset == RecipeDataset.FashionMnist ? 1 : 3;

    /// <summary>The images per test batch: <see cref="TestBatchSize"/>, or <paramref name="trainBatchSize"/> when the recipe has none.</summary>
    public int TestBatchSizeFor(int trainBatchSize) => TestBatchSize ?? trainBatchSize;

    /// <summary>Training epochs.</summary>
    public required int Epochs { get; init; }

    /// <summary>
    /// <see cref="AlexNet.Core.Training.TrainerOptions.Precision"/> of the recipe: "32-true" (default) or "bf16-mixed";
    /// <c>--precision</c> overrides it.
    /// </summary>
    public string Precision { get; init; } = AlexNet.Core.Precision.TrainingPrecision.True32.ToString();

    /// <summary>Label smoothing of the cross-entropy loss, in [0, 1); 0 by default. <c>--label-smoothing</c> overrides it.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>TrivialAugmentWide, RandomErasing and mixup / CutMix of the training batches; none by default.</summary>
    public RecipeAugmentation Augmentation { get; init; } = RecipeAugmentation.None;

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
        DropoutRate = DropoutRate,
        Output = Output,
        Reproduction =
        {
            LrnAlpha = LrnAlpha,
            LrnAlphaConvention = LrnAlphaConvention,
            DropoutPlacement = DropoutPlacement,
            DropoutInEvaluation = DropoutInEvaluation,
        },
    };

    /// <summary>The training pipeline in a few words, such as "crop 32 (pad 4), flip, ColorJitter, RandomGrayscale(0.3), z-score".</summary>
    public string DescribeTransforms() => TrainTransformSteps.Count > 0
        ? string.Join(", ", TrainTransformSteps) + (TestTransformSteps.SequenceEqual(TrainTransformSteps) ? string.Empty : "; test: " + string.Join(", ", TestTransformSteps))
        : Transforms switch
    {
        RecipeTransforms.FashionMnist => InputSize == 28 ? "z-score" : $"z-score, resize to {InputSize}",
        RecipeTransforms.FashionMnistCropFlip => "crop 28 (pad 2), flip, z-score",
        RecipeTransforms.None => "none (no data)",
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

        if (DropoutPlacement != DropoutPlacement.BeforeHiddenLinear || DropoutInEvaluation)
        {
            parts.Add(DropoutPlacement == DropoutPlacement.None ? "no dropout" : $"dropout {DropoutPlacement}{(DropoutInEvaluation ? ", on in eval" : string.Empty)}");
        }

        if (Output == ModelOutput.LogProbabilities)
        {
            parts.Add("log_softmax");
        }

        return parts.Count == 0 ? Variant.ToString() : $"{Variant} ({string.Join(", ", parts)})";
    }
}
