
namespace AlexNet.Samples.Common.Recipes;

/// <summary>How a recipe normalises its images, as its write-up does it.</summary>
/// <param name="Kind">Where the mean and std come from.</param>
/// <param name="Mean">The per-channel mean when it is a constant of the recipe; null when computed at run time or with no normalisation.</param>
/// <param name="Std">The per-channel std when it is a constant; null otherwise.</param>
/// <param name="Source">The write-up's words for it, for --dry-run and the docs.</param>
public sealed record RecipeNormalization(NormalizationKind Kind, IReadOnlyList<double>? Mean, IReadOnlyList<double>? Std, string Source)
{
    /// <summary>No normalisation (pixels stay in [0, 1]).</summary>
    public static RecipeNormalization None { get; } = new(NormalizationKind.None, null, null, "none: ToTensor only, pixels in [0, 1]");

    /// <summary>Fixed values written into the recipe.</summary>
    public static RecipeNormalization Constant(IReadOnlyList<double> mean, IReadOnlyList<double> std, string source) => new(NormalizationKind.Constant, mean, std, source);
}

/// <summary>Where a recipe's normalisation statistics come from.</summary>
public enum NormalizationKind
{
    /// <summary>No normalisation.</summary>
    None,

    /// <summary>Fixed values in the recipe.</summary>
    Constant,

    /// <summary>Per-channel mean and population std over every pixel of the training set (write-up 002's np.mean/np.std on trainset.data / 255).</summary>
    TrainingSetPixels,

    /// <summary>
    /// The mean of the per-image channel means and the mean of the per-image channel stds (population), over the
    /// training images resized to 224 x 224 (write-up 000's load_dataset).
    /// </summary>
    PerImageAt224,
}
