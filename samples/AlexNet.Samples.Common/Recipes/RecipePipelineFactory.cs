using AlexNet.Core.Abstractions;
using AlexNet.Core.Models.Weights;
using AlexNet.Data.Datasets;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>Builds a recipe's pipelines from AlexNet.Data's transforms and ready-made recipe pipelines.</summary>
public static class RecipePipelineFactory
{
    /// <summary>
    /// The pipelines of <paramref name="recipe"/> for images like <paramref name="train"/>'s. Statistics the recipe
    /// computes from the training set (per-channel z-score, PCA lighting) come from <paramref name="train"/>.
    /// </summary>
    public static RecipePipelineSet Create(Recipe recipe, ImageDataset train)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(train);
        var input = new ImageSpec(ScalarType.Byte, train.Channels, train.Height, train.Width);
        switch (recipe.Transforms)
        {
            case RecipeTransforms.FashionMnist:
                return new RecipePipelineSet(StandardPipelines.FashionMnist1Channel(recipe.InputSize), StandardPipelines.FashionMnist1Channel(recipe.InputSize), null);

            case RecipeTransforms.FashionMnistCropFlip:
            {
                // The crop and flip on the uint8 images, then the test pipeline's ToFloat and z-score.
                ITransform crop = ImageTransforms.Compose(
                    ImageTransforms.RandomCrop(new ImageSize(28, 28), padding: 2), ImageTransforms.RandomHorizontalFlip(), StandardPipelines.FashionMnist1Channel(28));
                return new RecipePipelineSet(crop.ValidatedFor(input), StandardPipelines.FashionMnist1Channel(28), null);
            }

            case RecipeTransforms.FashionMnistResizeOnly:
            {
                // torchvision: Resize(227) on the PIL image (rounded to uint8), then ToTensor (/ 255).
                var size = new ImageSize(recipe.InputSize, recipe.InputSize);
                return new RecipePipelineSet(
                    ImageTransforms.Compose(ImageTransforms.Resize(size), ImageTransforms.ToFloat()).ValidatedFor(input),
                    ImageTransforms.Compose(ImageTransforms.Resize(size), ImageTransforms.ToFloat()).ValidatedFor(input),
                    null);
            }

            case RecipeTransforms.Cifar10PerImageStatistics:
            {
                var (mean, std) = PerImageChannelStatistics.Compute(train, 224);
                var size = new ImageSize(recipe.InputSize, recipe.InputSize);

                // Normalize, then the bilinear resize: the two commute (a per-channel affine map), and resizing last is cheaper.
                return new RecipePipelineSet(
                    ImageTransforms.Compose(ImageTransforms.ToFloat(), ImageTransforms.Normalize(mean, std), ImageTransforms.Resize(size)).ValidatedFor(input),
                    ImageTransforms.Compose(ImageTransforms.ToFloat(), ImageTransforms.Normalize(mean, std), ImageTransforms.Resize(size)).ValidatedFor(input),
                    null);
            }

            case RecipeTransforms.CifarBatchNormIdentityJitter:
            {
                // ColorJitter() with no arguments changes nothing, so it is left out.
                var (mean, std) = Statistics(train);
                var normalize = ImageTransforms.Normalize(mean, std);
                return new RecipePipelineSet(
                    ImageTransforms.Compose(
                        ImageTransforms.RandomCrop(32, padding: 4), ImageTransforms.RandomHorizontalFlip(0.5), ImageTransforms.ToFloat(),
                        ImageTransforms.RandomGrayscale(0.3), normalize).ValidatedFor(input),
                    ImageTransforms.Compose(ImageTransforms.ToFloat(), normalize).ValidatedFor(input),
                    null);
            }

            case RecipeTransforms.CifarBatchNorm:
            {
                var (mean, std) = Statistics(train);
                return new RecipePipelineSet(StandardPipelines.CifarBatchNormTrain(mean, std), StandardPipelines.CifarBatchNormTest(mean, std), null);
            }

            case RecipeTransforms.Resize227Cifar10Constants:
                return new RecipePipelineSet(
                    StandardPipelines.Resize227Train(KnownWeights.Cifar10.Preprocessing.Mean, KnownWeights.Cifar10.Preprocessing.Std, input),
                    StandardPipelines.Resize227Test(KnownWeights.Cifar10.Preprocessing.Mean, KnownWeights.Cifar10.Preprocessing.Std, input),
                    null);

            case RecipeTransforms.Paper:
            {
                var (mean, std) = Statistics(train);
                var components = RgbPrincipalComponents.FromDataset(train);
                TestTimePipeline test = StandardPipelines.PaperTest(recipe.InputSize, mean, std, input);
                return new RecipePipelineSet(StandardPipelines.PaperTrain(recipe.InputSize, components, mean, std, input), test.Transform, test.Views);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Transforms, "Unknown recipe transforms.");
        }
    }

    private static (IReadOnlyList<float> Mean, IReadOnlyList<float> Std) Statistics(ImageDataset train)
    {
        var stats = ChannelStats.Compute(train);
        return (stats.Mean.Select(m => (float)m).ToArray(), stats.Std.Select(s => (float)s).ToArray());
    }
}
