using AlexNet.Core.Abstractions;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace AlexNet.Core.Models;

/// <summary>
/// <see cref="Variant.Paper"/>: Krizhevsky, Sutskever and Hinton, "ImageNet Classification with Deep Convolutional
/// Neural Networks" (NIPS 2012), figure 2 and sections 3.3-3.5, on 227x227 input (the "224" of the figure does not
/// give its 55x55 maps; 227 does).
/// </summary>
/// <remarks>
/// Without LRN the layer numbers, and so the state-dict keys, are torchvision's. With <c>Groups = 2</c>, conv2, conv4
/// and conv5 see only their own tower's half of the previous layer, as on the paper's two GPUs.
/// </remarks>
internal static class PaperAlexNet
{
    public static readonly VariantDefaults Defaults = new(
        ClassifierWidth: 4096, DropoutRate: 0.5, UseLocalResponseNorm: true, WeightInit: WeightInit.Paper,
        NominalInputSize: new ImageSize(227, 227));

    public static LayerList Build(int numClasses, ResolvedOptions o)
    {
        int g = o.Groups;
        LocalResponseNorm? Lrn() => o.UseLocalResponseNorm
            ? LocalResponseNormalization.Create(o.LrnSize, o.LrnAlpha, o.LrnBeta, o.LrnK, o.LrnAlphaConvention)
            : null;
        return new LayerList(
            Features: LayerList.Numbered(
                Conv2d(o.InputChannels, 96, kernel_size: 11, stride: 4),          // conv1: 227 -> 55
                ReLU(inplace: true),
                Lrn(),                                                           // LRN, or null when switched off
                MaxPool2d(kernel_size: 3, stride: 2),                            // 55 -> 27
                Conv2d(96, 256, kernel_size: 5, padding: 2, groups: g),          // conv2
                ReLU(inplace: true),
                Lrn(),
                MaxPool2d(kernel_size: 3, stride: 2),                            // 27 -> 13
                Conv2d(256, 384, kernel_size: 3, padding: 1),                    // conv3 (sees both towers)
                ReLU(inplace: true),
                Conv2d(384, 384, kernel_size: 3, padding: 1, groups: g),         // conv4
                ReLU(inplace: true),
                Conv2d(384, 256, kernel_size: 3, padding: 1, groups: g),         // conv5
                ReLU(inplace: true),
                MaxPool2d(kernel_size: 3, stride: 2)),                           // 13 -> 6
            AvgPool: null,
            Classifier: FullyConnectedClassifier.Build(256 * 6 * 6, numClasses, o));
    }
}
