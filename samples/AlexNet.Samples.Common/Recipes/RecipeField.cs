namespace AlexNet.Samples.Common.Recipes;

/// <summary>A setting of a recipe; <see cref="Recipe.ChosenByUs"/> lists those its source did not state.</summary>
public enum RecipeField
{
    /// <summary>The network variant and its options.</summary>
    Variant,

    /// <summary>The input size.</summary>
    InputSize,

    /// <summary>The data pipelines.</summary>
    Transforms,

    /// <summary>The optimizer and its settings.</summary>
    Optimizer,

    /// <summary>The learning-rate schedule.</summary>
    Schedule,

    /// <summary>The batch size.</summary>
    BatchSize,

    /// <summary>The number of epochs.</summary>
    Epochs,
}
