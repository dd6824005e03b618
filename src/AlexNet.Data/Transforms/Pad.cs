using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>Pads every image, as torchvision's <c>Pad</c> (modes constant, edge, reflect, symmetric).</summary>
internal sealed class Pad : ImageTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="padding">Pixels added on each side; an integer pads all four sides.</param>
    /// <param name="paddingMode">How the new pixels are filled.</param>
    /// <param name="fill">The value of the new pixels in <see cref="PaddingMode.Constant"/> mode.</param>
    /// <exception cref="ArgumentOutOfRangeException">A padding is negative, the fill is not finite, or the mode is unknown.</exception>
    public Pad(Padding padding, PaddingMode paddingMode = PaddingMode.Constant, double fill = 0)
    {
        Padding = padding.Validated(nameof(padding));
        if (!Enum.IsDefined(paddingMode))
        {
            throw new ArgumentOutOfRangeException(nameof(paddingMode), paddingMode, "Unknown padding mode.");
        }

        PaddingMode = paddingMode;
        Fill = TransformArguments.Finite(fill, nameof(fill));
    }

    /// <summary>Pixels added on each side.</summary>
    public Padding Padding { get; }

    /// <summary>How the new pixels are filled.</summary>
    public PaddingMode PaddingMode { get; }

    /// <summary>The constant fill value.</summary>
    public double Fill { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input) => ImagePadding.GetOutputSpec(input, Padding, PaddingMode, Fill, nameof(Pad));

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator) => ImagePadding.Pad(batch, Padding, PaddingMode, Fill);

    /// <inheritdoc />
    public override string ToString() => $"Pad({Padding}, {PaddingMode}, fill {Fill})";
}
