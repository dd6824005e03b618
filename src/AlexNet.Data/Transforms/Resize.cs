using System;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Bilinear resize, as torchvision's <c>Resize</c> on tensors (<c>interpolate(mode="bilinear", align_corners=False)</c>,
/// optional antialiasing when shrinking). uint8 images are resized in float32 and rounded back to uint8, as torchvision does.
/// </summary>
/// <remarks>
/// Small images (such as CIFAR's 32 x 32 going to 227 x 227) are resized with two matrix products of PyTorch's
/// interpolation weights, which BLAS runs several times faster than interpolate's per-pixel kernel; larger ones with
/// interpolate itself. Both give PyTorch's values up to float rounding.
/// </remarks>
internal sealed class Resize : ImageTransform
{
    private readonly int? _shorterSide;
    private readonly ImageSize _size;

    /// <summary>Resizes the shorter side to <paramref name="shorterSide"/>, keeping the aspect ratio (torchvision's <c>Resize(int)</c>).</summary>
    /// <param name="shorterSide">The new length of the shorter side.</param>
    /// <param name="antialias">Low-pass filter when shrinking (torchvision's <c>antialias=True</c>); torchvision 0.14's tensor default is false.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shorterSide"/> is below 1.</exception>
    public Resize(int shorterSide, bool antialias = false)
    {
        _shorterSide = TransformArguments.Positive(shorterSide, nameof(shorterSide));
        Antialias = antialias;
    }

    /// <summary>Resizes to exactly <paramref name="size"/> (torchvision's <c>Resize((h, w))</c>).</summary>
    /// <param name="size">The output height and width.</param>
    /// <param name="antialias">Low-pass filter when shrinking.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1.</exception>
    public Resize(ImageSize size, bool antialias = false)
    {
        _size = size.Validated(nameof(size));
        Antialias = antialias;
    }

    /// <summary>Whether shrinking low-pass filters first.</summary>
    public bool Antialias { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        ImageSize output = OutputSize(input.Height, input.Width);
        return input.WithSize(output.Height, output.Width);
    }

    /// <summary>The output size for an input <paramref name="height"/> x <paramref name="width"/>.</summary>
    public ImageSize OutputSize(long height, long width)
    {
        if (_shorterSide is not int side)
        {
            return _size;
        }

        // torchvision: the longer side becomes int(side * long / short), truncated.
        long shorter = Math.Min(height, width), longer = Math.Max(height, width);
        int scaled = (int)(side * (double)longer / shorter);
        return width <= height ? new ImageSize(scaled, side) : new ImageSize(side, scaled);
    }

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        ImageSize output = OutputSize(batch.shape[2], batch.shape[3]);
        return Bilinear(batch, output.Height, output.Width, Antialias);
    }

    /// <summary>
    /// Bilinear resize of a batch; uint8 and half-precision images are computed in float32 and converted back. A batch
    /// already of the output size comes back as an alias: the weights at scale 1 are exactly (1, 0), so resizing would
    /// reproduce every finite value, and the float32 round trip is exact for uint8 and floating-point images.
    /// </summary>
    internal static Tensor Bilinear(Tensor batch, long height, long width, bool antialias)
    {
        ScalarType dtype = batch.dtype;
        if (height == batch.shape[2] && width == batch.shape[3] && (dtype == ScalarType.Byte || batch.is_floating_point()))
        {
            return batch.alias();
        }

        bool native = dtype is ScalarType.Float32 or ScalarType.Float64;
        using Tensor input = native ? batch.alias() : batch.to(ScalarType.Float32);
        Tensor resized = ResizeWeights.PreferMatrices(batch.shape[2], batch.shape[3], height, width)
            ? ResizeWeights.Resize(input, height, width, antialias)
            : nn.functional.interpolate(input, new[] { height, width }, mode: InterpolationMode.Bilinear, align_corners: false, antialias: antialias);
        return native ? resized : ToDType(resized, dtype);
    }

    /// <summary>Converts float32 results back to the input type, rounding (and clamping) for uint8 as torchvision does.</summary>
    internal static Tensor ToDType(Tensor resized, ScalarType dtype)
    {
        if (dtype == ScalarType.Byte)
        {
            resized.round_().clamp_(0, 255);
        }

        return resized.to(dtype, disposeAfter: true);
    }

    /// <inheritdoc />
    public override string ToString() =>
        _shorterSide is int side ? $"Resize(shorter side {side}, antialias {Antialias})" : $"Resize({_size}, antialias {Antialias})";
}
