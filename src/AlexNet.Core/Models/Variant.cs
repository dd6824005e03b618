namespace AlexNet.Core.Models;

/// <summary>The AlexNet networks <see cref="AlexNetFactory"/> builds. docs/models.md lays them side by side.</summary>
public enum Variant
{
    /// <summary>
    /// The 2012 network of Krizhevsky, Sutskever and Hinton: 96@11x11/4, LRN, max-pool 3/2, 256@5x5, LRN, max-pool,
    /// 384@3x3, 384@3x3, 256@3x3, max-pool, then dropout + FC 4096, dropout + FC 4096, FC classes, on 227x227 input,
    /// with the paper's initialisation. 62,378,344 parameters at 1000 classes (60,965,224 with two towers).
    /// </summary>
    Paper,

    /// <summary>
    /// torchvision's <c>models.alexnet</c> exactly: 64-192-384-256-256 convolutions, adaptive average pooling to 6x6,
    /// dropout before FC1 and FC2, torchvision's state-dict keys. 61,100,840 parameters at 1000 classes; input 63x63 or larger.
    /// </summary>
    TorchVision,

    /// <summary>
    /// The CIFAR-10 network with batch norm after every convolution and fully connected layer: 3x3 convolutions
    /// 64-192-384-256-256, max-pools 2, 2 and 3/2, FC 4096 -> 2048 -> 2048 -> classes, batch norm on the logits,
    /// dropout 0.2. 14,869,598 parameters at 10 classes; nominal input 32x32, any input of 6x6 or larger works.
    /// </summary>
    CifarBatchNorm,
}
