namespace AlexNet.Samples.Common.Recipes;

/// <summary>The dataset a recipe trains on; each sample program runs the recipes of its dataset.</summary>
public enum RecipeDataset
{
    /// <summary>Fashion-MNIST: 1 x 28 x 28 grayscale, 10 classes (samples/FashionMnist).</summary>
    FashionMnist,

    /// <summary>CIFAR-10: 3 x 32 x 32 colour, 10 classes (samples/Cifar10).</summary>
    Cifar10,

    /// <summary>No dataset: the recipe trains nothing and only prints model summaries (write-up 003, <c>samples/QuickStart -- summary</c>).</summary>
    None,
}
