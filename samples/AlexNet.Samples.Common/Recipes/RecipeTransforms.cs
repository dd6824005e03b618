namespace AlexNet.Samples.Common.Recipes;

/// <summary>The data pipelines of a recipe (training and test); <see cref="RecipePipelineFactory"/> builds them.</summary>
public enum RecipeTransforms
{
    /// <summary>Fashion-MNIST: ToFloat, z-score (0.28604, 0.35302), bilinear resize to the input size unless 28. No augmentation.</summary>
    FashionMnist,

    /// <summary>
    /// Fashion-MNIST with light augmentation (ours): RandomCrop(28, padding 2), RandomHorizontalFlip, ToFloat, z-score
    /// (0.28604, 0.35302); test: ToFloat and the same z-score. 28 x 28 only.
    /// </summary>
    FashionMnistCropFlip,

    /// <summary>Write-up 001: Resize(227) then ToTensor, no normalisation, no augmentation; the same for training and test.</summary>
    FashionMnistResizeOnly,

    /// <summary>
    /// Write-up 000 (runnable reading): ToFloat, Normalize with the mean of the per-image channel means and the mean of
    /// the per-image channel stds of the training images resized to 224 x 224, bilinear resize to 227 x 227; no augmentation.
    /// </summary>
    Cifar10PerImageStatistics,

    /// <summary>
    /// Write-up 002 as printed: RandomCrop(32, padding 4), RandomHorizontalFlip, ColorJitter() (no arguments: the identity,
    /// so left out), RandomGrayscale(0.3), per-channel z-score with the training set's pixel statistics; test: z-score only.
    /// </summary>
    CifarBatchNormIdentityJitter,

    /// <summary>
    /// Write-up 002 with a working colour jitter (ours): RandomCrop(32, padding 4), RandomHorizontalFlip,
    /// ColorJitter(0.2, 0.2, 0.2, 0.1), RandomGrayscale(0.3), per-channel z-score with the training set's statistics; test: z-score only.
    /// </summary>
    CifarBatchNorm,

    /// <summary>
    /// Write-up 004: RandomHorizontalFlip, Resize(227), Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616));
    /// test: Resize(227) and the same Normalize.
    /// </summary>
    Resize227Cifar10Constants,

    /// <summary>
    /// The paper's: resize to 256 x 256, random 227 x 227 crops, RandomHorizontalFlip, PCA lighting (alpha ~ N(0, 0.1),
    /// the training set's RGB principal components), per-channel z-score; test: the ten 227 x 227 crops (corners,
    /// centre and their mirror images) with averaged predictions.
    /// </summary>
    Paper,

    /// <summary>No data: write-up 003 prints model summaries only.</summary>
    None,
}
