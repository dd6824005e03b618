namespace AlexNet.Samples.Common.Recipes;

/// <summary>What a write-up reports: which accuracy and its value.</summary>
/// <param name="Metric">What the figure is (for example "test accuracy after the last epoch").</param>
/// <param name="Value">The figure as a fraction (0.8045), or null when the write-up reports none.</param>
/// <param name="Final">A second figure where the write-up gives one (002's final epoch beside its best), or null.</param>
public sealed record RecipeReported(string Metric, double? Value, double? Final = null);
