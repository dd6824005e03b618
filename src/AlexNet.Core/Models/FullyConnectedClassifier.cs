using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlexNet.Core.Models;

/// <summary>The three fully connected layers of the paper's and torchvision's AlexNet, with dropout where the options put it.</summary>
internal static class FullyConnectedClassifier
{
    /// <summary>
    /// FC6, FC7 and FC8 with ReLUs; dropout in front of FC6 and FC7 (<see cref="DropoutPlacement.BeforeHiddenLinear"/>,
    /// torchvision's numbering), after the two ReLUs (<see cref="DropoutPlacement.AfterHiddenReLU"/>) or nowhere.
    /// </summary>
    public static TorchSharp.Modules.Sequential Build(long inFeatures, int numClasses, ResolvedOptions o)
    {
        int width = o.ClassifierWidth;
        bool before = o.DropoutPlacement == DropoutPlacement.BeforeHiddenLinear;
        bool after = o.DropoutPlacement == DropoutPlacement.AfterHiddenReLU;
        return LayerList.Numbered(
            before ? NewDropout(o) : null,
            Linear(inFeatures, width),                                       // FC6
            ReLU(inplace: true),
            before || after ? NewDropout(o) : null,
            Linear(width, width),                                            // FC7
            ReLU(inplace: true),
            after ? NewDropout(o) : null,
            Linear(width, numClasses));                                      // FC8
    }

    /// <summary>A dropout layer of the options' rate: PyTorch's, or <see cref="AlwaysOnDropout"/> when it must drop in evaluation too.</summary>
    public static Module<Tensor, Tensor> NewDropout(ResolvedOptions o) =>
        o.DropoutInEvaluation ? new AlwaysOnDropout(o.DropoutRate) : Dropout(o.DropoutRate);
}
