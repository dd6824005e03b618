using AlexNet.Core.Abstractions;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace AlexNet.Core.Models;

/// <summary>
/// <see cref="Variant.TorchVision"/>: torchvision's <c>models/alexnet.py</c> line for line (after the "One weird
/// trick" paper's single-tower AlexNet: 64-192-384-256-256, no LRN), so its state-dict keys and pretrained weights
/// map one to one. <c>InputChannels</c>, <c>ClassifierWidth</c>, <c>DropoutRate</c>, <c>DropoutPlacement</c>,
/// <c>UseLocalResponseNorm</c> (LRN after the ReLUs of conv1 and conv2, renumbering the later layers) and <c>Groups</c> change it
/// from torchvision's.
/// </summary>
internal static class TorchVisionAlexNet
{
    public static readonly VariantDefaults Defaults = new(
        ClassifierWidth: 4096, DropoutRate: 0.5, UseLocalResponseNorm: false, WeightInit: WeightInit.PyTorchDefault,
        NominalInputSize: new ImageSize(224, 224));

    public static LayerList Build(int numClasses, ResolvedOptions o)
    {
        int g = o.Groups;
        LocalResponseNorm? Lrn() => o.UseLocalResponseNorm
            ? LocalResponseNormalization.Create(o.LrnSize, o.LrnAlpha, o.LrnBeta, o.LrnK, o.LrnAlphaConvention)
            : null;
        return new LayerList(
            Features: LayerList.Numbered(
                Conv2d(o.InputChannels, 64, kernel_size: 11, stride: 4, padding: 2),  // 224 -> 55
                ReLU(inplace: true),
                Lrn(),                                                               // only with UseLocalResponseNorm
                MaxPool2d(kernel_size: 3, stride: 2),                                // 55 -> 27
                Conv2d(64, 192, kernel_size: 5, padding: 2, groups: g),
                ReLU(inplace: true),
                Lrn(),
                MaxPool2d(kernel_size: 3, stride: 2),                                // 27 -> 13
                Conv2d(192, 384, kernel_size: 3, padding: 1),
                ReLU(inplace: true),
                Conv2d(384, 256, kernel_size: 3, padding: 1, groups: g),
                ReLU(inplace: true),
                Conv2d(256, 256, kernel_size: 3, padding: 1, groups: g),
                ReLU(inplace: true),
                MaxPool2d(kernel_size: 3, stride: 2)),                               // 13 -> 6
            AvgPool: AdaptiveAvgPool2d((6, 6)),
            Classifier: FullyConnectedClassifier.Build(256 * 6 * 6, numClasses, o));
    }
}
