using System;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// A box of fixed size at a random position of each image, after optional padding, as torchvision's
/// <c>RandomCrop</c>: the offsets are uniform over every position where the box fits, drawn independently per image.
/// </summary>
internal sealed class RandomCrop : ImageTransform
{
    private readonly Pad _pad;

    /// <summary>Creates the transform.</summary>
    /// <param name="size">The box size; an integer gives a square.</param>
    /// <param name="padding">Padding added before cropping (torchvision's <c>padding</c>); an integer pads all sides.</param>
    /// <param name="paddingMode">How the padding is filled.</param>
    /// <param name="fill">The padding value in <see cref="PaddingMode.Constant"/> mode.</param>
    /// <param name="padIfNeeded">
    /// As torchvision's <c>pad_if_needed</c>: when the (padded) image is narrower or shorter than the box, pad the
    /// deficit on both sides of that axis.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1, a padding is negative, or the fill is not finite.</exception>
    public RandomCrop(ImageSize size, Padding padding = default, PaddingMode paddingMode = PaddingMode.Constant, double fill = 0, bool padIfNeeded = false)
    {
        Size = size.Validated(nameof(size));
        _pad = new Pad(padding, paddingMode, fill);
        PadIfNeeded = padIfNeeded;
    }

    /// <summary>The box size.</summary>
    public ImageSize Size { get; }

    /// <summary>The padding applied before cropping.</summary>
    public Padding Padding => _pad.Padding;

    /// <summary>How the padding is filled.</summary>
    public PaddingMode PaddingMode => _pad.PaddingMode;

    /// <summary>The padding value in <see cref="PaddingMode.Constant"/> mode.</summary>
    public double Fill => _pad.Fill;

    /// <summary>Whether images smaller than the box are padded to fit.</summary>
    public bool PadIfNeeded { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        ImageSpec padded = _pad.GetOutputSpec(input);
        padded = ImagePadding.GetOutputSpec(padded, ExtraPadding(padded.Height, padded.Width), PaddingMode, Fill, nameof(RandomCrop));
        if (Size.Height > padded.Height || Size.Width > padded.Width)
        {
            throw new ArgumentException($"RandomCrop: the crop {Size} is larger than the padded image {padded.Height}x{padded.Width} (input {input}, padding {Padding}).", "size");
        }

        return padded.WithSize(Size.Height, Size.Width);
    }

    /// <summary>
    /// Crops image n of the padded batch at (<paramref name="tops"/>[n], <paramref name="lefts"/>[n]): the transform with its
    /// random offsets given. Offsets are in the padded image, each in [0, padded size - crop size].
    /// </summary>
    /// <param name="images">A batch N x C x H x W (before padding).</param>
    /// <param name="tops">int64 N: the box's top row in the padded image.</param>
    /// <param name="lefts">int64 N: the box's left column in the padded image.</param>
    internal Tensor ApplyWith(Tensor images, Tensor tops, Tensor lefts) =>
        RunOnBatch(images, batch =>
        {
            long n = batch.shape[0];
            TransformArguments.RequirePerImage(tops, n, nameof(tops));
            TransformArguments.RequirePerImage(lefts, n, nameof(lefts));
            Tensor padded = PadBatch(batch);
            TransformArguments.RequireRange(tops, 0, padded.shape[2] - Size.Height, nameof(tops));
            TransformArguments.RequireRange(lefts, 0, padded.shape[3] - Size.Width, nameof(lefts));
            using Tensor topOffsets = tops.to(ScalarType.Int64, padded.device);
            using Tensor leftOffsets = lefts.to(ScalarType.Int64, padded.device);
            return ImageCrops.CropEach(padded, topOffsets, leftOffsets, Size.Height, Size.Width);
        });

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        Tensor padded = PadBatch(batch);
        long n = batch.shape[0];
        Tensor tops = RandomDraws.Integers(n, padded.shape[2] - Size.Height + 1, generator).to(padded.device);
        Tensor lefts = RandomDraws.Integers(n, padded.shape[3] - Size.Width + 1, generator).to(padded.device);
        return ImageCrops.CropEach(padded, tops, lefts, Size.Height, Size.Width);
    }

    private Tensor PadBatch(Tensor batch)
    {
        Tensor padded = ImagePadding.Pad(batch, Padding, PaddingMode, Fill);
        Padding extra = ExtraPadding(padded.shape[2], padded.shape[3]);
        return extra.IsZero ? padded : ImagePadding.Pad(padded, extra, PaddingMode, Fill);
    }

    private Padding ExtraPadding(long height, long width)
    {
        if (!PadIfNeeded)
        {
            return default;
        }

        int dw = (int)Math.Max(0, Size.Width - width);
        int dh = (int)Math.Max(0, Size.Height - height);
        return Padding.Symmetric(dw, dh);
    }

    /// <inheritdoc />
    public override string ToString() => $"RandomCrop({Size}, padding {Padding}, {PaddingMode})";
}
