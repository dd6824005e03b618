namespace AlexNet.Samples.Common.Recipes;

/// <summary>The data pipelines of a recipe (training and test); <see cref="RecipePipelineFactory"/> builds them.</summary>
public enum RecipeTransforms
{
    /// <summary>Fashion-MNIST: ToFloat, z-score (0.28604, 0.35302), bilinear resize to the input size unless 28. No augmentation.</summary>
    FashionMnist,

    /// <summary>
    /// CIFAR batch-norm write-up: RandomCrop(32, padding 4), RandomHorizontalFlip, ColorJitter(0.2, 0.2, 0.2, 0.1),
    /// RandomGrayscale(0.3), per-channel z-score with the training set's statistics; test: z-score only.
    /// </summary>
    CifarBatchNorm,

    /// <summary>Resize to 227 x 227 (bilinear), RandomHorizontalFlip, per-channel z-score; test: resize and z-score.</summary>
    Resize227,

    /// <summary>torchvision-style: resize to 224 x 224 (bilinear), RandomHorizontalFlip, ImageNet z-score; test: resize and z-score.</summary>
    Resize224ImageNet,

    /// <summary>
    /// The paper's: resize to 256 x 256, random 227 x 227 crops, RandomHorizontalFlip, PCA lighting (alpha ~ N(0, 0.1),
    /// the training set's RGB principal components), per-channel z-score; test: the ten 227 x 227 crops (corners,
    /// centre and their mirror images) with averaged predictions.
    /// </summary>
    Paper,
}
