namespace AlexNet.Core.Models;

/// <summary>
/// The settings of <see cref="AlexNetOptions.Reproduction"/>: what reproduces a particular build of AlexNet (the paper's
/// two towers and LRN constants, or code that places or keeps dropout differently) rather than everyday choices. Every
/// default is the paper's.
/// </summary>
public sealed class ReproductionOptions
{
    /// <summary>
    /// Where the classifier's dropout layers sit: in front of the hidden fully connected layers (default), after their
    /// ReLUs, or nowhere. Values other than the default need <see cref="Variant.Paper"/> or <see cref="Variant.TorchVision"/>.
    /// </summary>
    public DropoutPlacement DropoutPlacement { get; set; } = DropoutPlacement.BeforeHiddenLinear;

    /// <summary>
    /// When true, the classifier's dropout layers drop in evaluation mode too (<see cref="AlwaysOnDropout"/>), as a
    /// forward pass that calls PyTorch's <c>F.dropout(x, 0.5)</c> without <c>training=self.training</c> does. Default
    /// false (dropout only while training).
    /// </summary>
    public bool DropoutInEvaluation { get; set; }

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
    /// Connection groups of conv2, conv4 and conv5: 1 (default) is a single tower; 2 is the paper's original two-GPU
    /// connectivity, where each half of those layers sees only the half of the previous layer on its own GPU
    /// (conv3 and the fully connected layers stay fully connected). Accepted: 1 or 2.
    /// </summary>
    public int Groups { get; set; } = 1;
}
