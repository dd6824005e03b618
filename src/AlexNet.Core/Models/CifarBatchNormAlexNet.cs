using AlexNet.Core.Abstractions;
using static TorchSharp.torch.nn;

namespace AlexNet.Core.Models;

/// <summary>
/// <see cref="Variant.CifarBatchNorm"/>: the CIFAR-10 AlexNet of the batch-norm write-up (docs/models.md names it), layer
/// for layer: 3x3 convolutions with padding 2, 2, 1, 1, 1, batch norm after every convolution and fully connected layer
/// including the logits, max-pools 2, 2 and 3/2.
/// At 32x32 the maps go 34 -> 17 -> 19 -> 9 -> 9 -> 9 -> 9 -> 4: 256 x 4 x 4 = 4096 features.
/// </summary>
/// <remarks>
/// The write-up flattens the 4x4 maps directly, which works only for inputs of 30 to 37 pixels. An adaptive average
/// pool to 4x4 (no parameters) sits in between, as torchvision's AlexNet has one to 6x6: for 30-37 pixel inputs,
/// CIFAR's 32 included, it is the identity and the network is exactly the write-up's; for 28x28 Fashion-MNIST (3x3 maps)
/// and any other size of 6 pixels or more it makes the 4096 features the classifier expects.
/// </remarks>
internal static class CifarBatchNormAlexNet
{
    public static readonly VariantDefaults Defaults = new(
        ClassifierWidth: 2048, DropoutRate: 0.2, UseLocalResponseNorm: false, WeightInit: WeightInit.PyTorchDefault,
        NominalInputSize: new ImageSize(32, 32));

    public static LayerList Build(int numClasses, ResolvedOptions o)
    {
        int g = o.Groups, width = o.ClassifierWidth;
        return new LayerList(
            Features: LayerList.Numbered(
                Conv2d(o.InputChannels, 64, kernel_size: 3, padding: 2),       // 32 -> 34
                BatchNorm2d(64),
                ReLU(inplace: true),
                MaxPool2d(kernel_size: 2),                                   // 34 -> 17
                Conv2d(64, 192, kernel_size: 3, padding: 2, groups: g),      // 17 -> 19
                BatchNorm2d(192),
                ReLU(inplace: true),
                MaxPool2d(kernel_size: 2),                                   // 19 -> 9
                Conv2d(192, 384, kernel_size: 3, padding: 1),
                BatchNorm2d(384),
                ReLU(inplace: true),
                Conv2d(384, 256, kernel_size: 3, padding: 1, groups: g),
                BatchNorm2d(256),
                ReLU(inplace: true),
                Conv2d(256, 256, kernel_size: 3, padding: 1, groups: g),
                BatchNorm2d(256),
                ReLU(inplace: true),
                MaxPool2d(kernel_size: 3, stride: 2)),                       // 9 -> 4
            AvgPool: AdaptiveAvgPool2d((4, 4)),
            Classifier: LayerList.Numbered(
                FullyConnectedClassifier.NewDropout(o),
                Linear(256 * 4 * 4, width),
                BatchNorm1d(width),
                ReLU(inplace: true),
                FullyConnectedClassifier.NewDropout(o),
                Linear(width, width),
                BatchNorm1d(width),
                ReLU(inplace: true),
                Linear(width, numClasses),
                BatchNorm1d(numClasses)));
    }
}
