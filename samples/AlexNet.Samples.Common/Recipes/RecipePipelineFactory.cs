using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Data.Datasets;
using AlexNet.Data.Recipes;
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
                return new RecipePipelineSet(RecipePipelines.FashionMnist1Channel(recipe.InputSize), RecipePipelines.FashionMnist1Channel(recipe.InputSize), null);

            case RecipeTransforms.CifarBatchNorm:
            {
                var (mean, std) = Statistics(train);
                return new RecipePipelineSet(RecipePipelines.CifarBatchNormTrain(mean, std), RecipePipelines.CifarBatchNormTest(mean, std), null);
            }

            case RecipeTransforms.Resize227:
            {
                var (mean, std) = Statistics(train);
                return new RecipePipelineSet(RecipePipelines.Resize227Train(mean, std, input), RecipePipelines.Resize227Test(mean, std, input), null);
            }

            case RecipeTransforms.Resize224ImageNet:
            {
                var size = new ImageSize(recipe.InputSize, recipe.InputSize);
                var normalize = new Normalize(RecipePipelines.ImageNetMean, RecipePipelines.ImageNetStd);
                return new RecipePipelineSet(
                    new Compose(new RandomHorizontalFlip(0.5), new ToFloat(), normalize, new Resize(size)).ValidatedFor(input),
                    new Compose(new ToFloat(), normalize, new Resize(size)).ValidatedFor(input),
                    null);
            }

            case RecipeTransforms.Paper:
            {
                var (mean, std) = Statistics(train);
                var components = RgbPrincipalComponents.FromDataset(train);
                TestTimeRecipe test = RecipePipelines.PaperTest(recipe.InputSize, mean, std, input);
                return new RecipePipelineSet(RecipePipelines.PaperTrain(recipe.InputSize, components, mean, std, input), test.Transform, test.Views);
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
