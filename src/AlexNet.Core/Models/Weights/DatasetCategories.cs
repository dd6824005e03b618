using System.Collections.Generic;

namespace AlexNet.Core.Models.Weights;

/// <summary>
/// The class names of the datasets the library knows, index = label: the one list that the datasets' readers
/// (AlexNet.Data's <c>FashionMnist.Classes</c>, <c>Cifar10.Classes</c>) and the weights entries (<see cref="KnownWeights"/>) share.
/// </summary>
public static class DatasetCategories
{
    /// <summary>Fashion-MNIST's 10 classes: "T-shirt/top", "Trouser", ..., "Ankle boot".</summary>
    public static IReadOnlyList<string> FashionMnist { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>CIFAR-10's 10 classes, as in its <c>batches.meta.txt</c>: "airplane", "automobile", ..., "truck".</summary>
    public static IReadOnlyList<string> Cifar10 { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>
    /// ImageNet-1k's 1000 classes in label order, as torchvision's <c>_IMAGENET_CATEGORIES</c> (the order of the sorted
    /// WordNet ids n01440764, ..., n15075141): "tench", "goldfish", ..., "toilet tissue". Read on first use.
    /// </summary>
    public static IReadOnlyList<string> ImageNet => EmbeddedCategories.ImageNet;
}
