using AlexNet.Core.Abstractions;
using AlexNet.Data.Transforms;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>The data pipelines of a recipe, built for one training set.</summary>
/// <param name="Train">Applied to every training batch.</param>
/// <param name="Test">Applied to every test batch.</param>
/// <param name="TestViews">Test-time augmentation whose predictions are averaged (the paper's ten-crop), or null.</param>
public sealed record RecipePipelineSet(ITransform Train, ITransform Test, ITestTimeAugmentation? TestViews);
