namespace AlexNet.Core.Models;

/// <summary>
/// Options of <see cref="AlexNetFactory.Create"/>. Every property has a default, so <c>new AlexNetOptions()</c> gives
/// each variant as published; a null property means "the variant's own default" where that differs by variant.
/// Bindable from configuration (section <see cref="SectionName"/>); validated by <see cref="AlexNetFactory.Create"/>.
/// </summary>
public sealed class AlexNetOptions
{
    /// <summary>The configuration section these options are usually bound from: "AlexNet".</summary>
    public const string SectionName = "AlexNet";

    /// <summary>Channels of the input images: 3 for RGB (default), 1 for Fashion-MNIST or MNIST. 1 to 1024.</summary>
    public int InputChannels { get; set; } = 3;

    /// <summary>
    /// Probability of the dropout layers in front of the hidden fully connected layers, in [0, 1).
    /// Null: 0.5 for <see cref="Variant.Paper"/> and <see cref="Variant.TorchVision"/>, 0.2 for <see cref="Variant.CifarBatchNorm"/>.
    /// </summary>
    public double? DropoutRate { get; set; }

    /// <summary>
    /// Where the classifier's dropout layers sit: in front of the hidden fully connected layers (default), after their
    /// ReLUs, or nowhere. Values other than the default need <see cref="Variant.Paper"/> or <see cref="Variant.TorchVision"/>.
    /// </summary>
    public DropoutPlacement DropoutPlacement { get; set; } = DropoutPlacement.BeforeHiddenLinear;

    /// <summary>
    /// When true, the classifier's dropout layers drop in evaluation mode too (<see cref="AlwaysOnDropout"/>), as a
    /// forward pass that calls PyTorch's <c>F.dropout(x, 0.5)</c> without <c>training=self.training</c> does. Default
    /// false (dropout only while training). Reproduces such write-ups; their test accuracy is measured with dropout on.
    /// </summary>
    public bool DropoutInEvaluation { get; set; }

    /// <summary>
    /// Width of the two hidden fully connected layers, 1 to 65536.
    /// Null: 4096 for <see cref="Variant.Paper"/> and <see cref="Variant.TorchVision"/>, 2048 for <see cref="Variant.CifarBatchNorm"/>.
    /// </summary>
    public int? ClassifierWidth { get; set; }

    /// <summary>
    /// Local response normalisation after the ReLUs of conv1 and conv2, as in the paper. <see cref="Variant.Paper"/> and
    /// <see cref="Variant.TorchVision"/> can have these layers (torchvision's widths with the paper's LRN, as some
    /// write-ups build it); true with <see cref="Variant.CifarBatchNorm"/> is rejected. Null: on for
    /// <see cref="Variant.Paper"/>, off for the others.
    /// </summary>
    public bool? UseLocalResponseNorm { get; set; }

    /// <summary>LRN window: the number of adjacent channels summed over (the paper's n), 1 to 255. Default 5.</summary>
    public int LrnSize { get; set; } = 5;

    /// <summary>
    /// LRN alpha, read as <see cref="LrnAlphaConvention"/> says. Default 1e-4, the paper's value in the paper's formula
    /// b = a / (k + alpha * sum of squares)^beta. TorchSharp's <c>LocalResponseNorm</c> divides its alpha by the window
    /// size, so with <see cref="LrnAlphaConvention.Paper"/> the library passes alpha * <see cref="LrnSize"/> (5e-4) to it.
    /// Finite, 0 or more.
    /// </summary>
    public double LrnAlpha { get; set; } = 1e-4;

    /// <summary>
    /// Whether <see cref="LrnAlpha"/> is the paper's alpha (default) or a value to pass to PyTorch's/TorchSharp's
    /// <c>LocalResponseNorm</c> unchanged (reproduces write-ups that pass 1e-4 to PyTorch: five times weaker).
    /// </summary>
    public LrnAlphaConvention LrnAlphaConvention { get; set; } = LrnAlphaConvention.Paper;

    /// <summary>LRN exponent beta. Default 0.75 (the paper's). Finite, 0 or more.</summary>
    public double LrnBeta { get; set; } = 0.75;

    /// <summary>LRN additive constant k. Default 2 (the paper's). Finite, more than 0.</summary>
    public double LrnK { get; set; } = 2.0;

    /// <summary>
    /// Weight initialisation. Null: <see cref="Models.WeightInit.Paper"/> for <see cref="Variant.Paper"/>,
    /// <see cref="Models.WeightInit.PyTorchDefault"/> for the others.
    /// </summary>
    public WeightInit? WeightInit { get; set; }

    /// <summary>
    /// Connection groups of conv2, conv4 and conv5: 1 (default) is a single tower; 2 is the paper's original two-GPU
    /// connectivity, where each half of those layers sees only the half of the previous layer on its own GPU
    /// (conv3 and the fully connected layers stay fully connected). Accepted: 1 or 2.
    /// </summary>
    public int Groups { get; set; } = 1;

    /// <summary>Whether the forward pass returns logits (default) or log-probabilities.</summary>
    public ModelOutput Output { get; set; } = ModelOutput.Logits;
}
