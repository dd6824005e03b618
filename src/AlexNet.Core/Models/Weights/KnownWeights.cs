using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace AlexNet.Core.Models.Weights;

/// <summary>
/// The weights entries the library knows: the model, class names and evaluation preprocessing of each dataset it has
/// recipes for (<see cref="FashionMnist"/>, <see cref="Cifar10"/>, <see cref="ImageNet"/>: no weights file, they state
/// what a model trained on the dataset expects), and torchvision's pretrained <see cref="ImageNet1kV1"/>, whose file
/// <c>AlexNet.Core.Interop.PretrainedWeights</c> downloads. Each entry's <see cref="WeightsDescriptor.Model"/> is worked
/// out on first use.
/// </summary>
public static class KnownWeights
{
    /// <summary>
    /// Fashion-MNIST on <see cref="Variant.CifarBatchNorm"/> with one input channel, at 28 x 28: mean 0.28604 and std
    /// 0.35302 (the training set's pixel statistics), no resize, no crop; its 10 class names.
    /// </summary>
    public static WeightsDescriptor FashionMnist { get; } = new(
        "FashionMnist",
        () => AlexNetFactory.Describe(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1 }),
        new EvaluationPreprocessing(1, [0.28604f], [0.35302f]),
        DatasetCategories.FashionMnist);

    /// <summary>
    /// CIFAR-10 on <see cref="Variant.CifarBatchNorm"/>, at 32 x 32: the training set's per-channel mean
    /// (0.4914, 0.4822, 0.4465) and std (0.2470, 0.2435, 0.2616; the often-copied (0.2023, 0.1994, 0.2010) is wrong),
    /// no resize, no crop; its 10 class names.
    /// </summary>
    public static WeightsDescriptor Cifar10 { get; } = new(
        "Cifar10",
        () => AlexNetFactory.Describe(Variant.CifarBatchNorm, 10),
        new EvaluationPreprocessing(3, [0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]),
        DatasetCategories.Cifar10);

    /// <summary>
    /// ImageNet on <see cref="Variant.TorchVision"/> (1000 classes) with torchvision's evaluation transform: resize the
    /// shorter side to 256, central 224 x 224 crop, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225); the 1000 class
    /// names of <see cref="DatasetCategories.ImageNet"/>. No weights file: <see cref="ImageNet1kV1"/> has torchvision's.
    /// </summary>
    public static WeightsDescriptor ImageNet { get; } = new(
        "ImageNet",
        () => AlexNetFactory.Describe(Variant.TorchVision, 1000),
        new EvaluationPreprocessing(3, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f], resizeShorterSide: 256, centerCropSize: 224),
        DatasetCategories.ImageNet);

    /// <summary>
    /// torchvision's pretrained ImageNet-1k AlexNet, <c>AlexNet_Weights.IMAGENET1K_V1</c>: the model, preprocessing and
    /// class names of <see cref="ImageNet"/>; the file <c>alexnet-owt-7be5be79.pth</c> (233 MB) from
    /// https://download.pytorch.org/models/, whose SHA-256 starts with 7be5be79 (checked as torch.hub checks it); a
    /// download is capped at 256 MiB; torchvision's reported metrics on the ImageNet-1k validation set,
    /// "acc@1" 56.522 and "acc@5" 79.066 (percent).
    /// </summary>
    public static WeightsDescriptor ImageNet1kV1 { get; } = new(
        "ImageNet1kV1",
        () => AlexNetFactory.Describe(Variant.TorchVision, 1000),
        ImageNet.Preprocessing,
        DatasetCategories.ImageNet)
    {
        FileName = "alexnet-owt-7be5be79.pth",
        Url = new Uri("https://download.pytorch.org/models/alexnet-owt-7be5be79.pth"),
        Sha256Prefix = "7be5be79",
        MaxFileLength = 256L << 20,
        Metrics = new ReadOnlyDictionary<string, double>(new Dictionary<string, double> { ["acc@1"] = 56.522, ["acc@5"] = 79.066 }),
    };
}
