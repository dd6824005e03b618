using System;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The central box of every image, as torchvision's <c>CenterCrop</c>: the top-left corner is at
/// <c>round((H - h) / 2), round((W - w) / 2)</c> (halves rounded to even, like Python's <c>round</c>), and an image
/// smaller than the box is first padded with zeros.
/// </summary>
internal sealed class CenterCrop : ImageTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="size">The box size; an integer gives a square.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1.</exception>
    public CenterCrop(ImageSize size)
    {
        Size = size.Validated(nameof(size));
    }

    /// <summary>The box size.</summary>
    public ImageSize Size { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input) => input.WithSize(Size.Height, Size.Width);

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        Padding padding = PaddingFor(batch.shape[2], batch.shape[3]);
        Tensor padded = padding.IsZero ? batch : ImagePadding.Pad(batch, padding, PaddingMode.Constant, 0);
        (long top, long left) = Offsets(padded.shape[2], padded.shape[3], Size);
        return ImageCrops.CropAll(padded, top, left, Size.Height, Size.Width);
    }

    /// <summary>torchvision's centre offsets of a box of <paramref name="size"/> in an image <paramref name="height"/> x <paramref name="width"/>.</summary>
    internal static (long Top, long Left) Offsets(long height, long width, ImageSize size) =>
        ((long)Math.Round((height - size.Height) / 2.0, MidpointRounding.ToEven),
         (long)Math.Round((width - size.Width) / 2.0, MidpointRounding.ToEven));

    private Padding PaddingFor(long height, long width)
    {
        int dw = (int)Math.Max(0, Size.Width - width);
        int dh = (int)Math.Max(0, Size.Height - height);
        return new Padding(dw / 2, dh / 2, (dw + 1) / 2, (dh + 1) / 2);
    }

    /// <inheritdoc />
    public override string ToString() => $"CenterCrop({Size})";
}
