using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// What a transform receives or returns for each image: the element type and the channels, height and width.
/// Pipelines are checked against it when they are built (see <see cref="ITransform.GetOutputSpec"/>). Two specs are
/// equal when all four values are.
/// </summary>
public readonly struct ImageSpec
{
    /// <summary>Creates the spec.</summary>
    /// <param name="dtype">Element type, such as <see cref="ScalarType.Byte"/> for stored images or <see cref="ScalarType.Float32"/>.</param>
    /// <param name="channels">Channels per image (1 for grayscale, 3 for RGB).</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="width">Width in pixels.</param>
    public ImageSpec(ScalarType dtype, long channels, long height, long width)
    {
        DType = dtype;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Element type.</summary>
    public ScalarType DType { get; }

    /// <summary>Channels per image.</summary>
    public long Channels { get; }

    /// <summary>Height in pixels.</summary>
    public long Height { get; }

    /// <summary>Width in pixels.</summary>
    public long Width { get; }

    /// <summary>True for floating-point element types.</summary>
    internal bool IsFloatingPoint => DType is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>For example "Byte 3x32x32".</summary>
    public override string ToString() => $"{DType} {Channels}x{Height}x{Width}";

    /// <summary>The spec of an image tensor C x H x W or of the images of a batch N x C x H x W.</summary>
    /// <exception cref="ArgumentException">The tensor is neither 3-D nor 4-D.</exception>
    internal static ImageSpec Of(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long[] shape = images.shape;
        return shape.Length switch
        {
            3 => new ImageSpec(images.dtype, shape[0], shape[1], shape[2]),
            4 => new ImageSpec(images.dtype, shape[1], shape[2], shape[3]),
            _ => throw new ArgumentException($"Images must be C x H x W or N x C x H x W; got shape [{string.Join(", ", shape)}].", nameof(images)),
        };
    }

    /// <summary>The same spec with another element type.</summary>
    internal ImageSpec WithDType(ScalarType dtype) => new(dtype, Channels, Height, Width);

    /// <summary>The same spec with another size.</summary>
    internal ImageSpec WithSize(long height, long width) => new(DType, Channels, height, width);

    /// <summary>The same spec with another channel count.</summary>
    internal ImageSpec WithChannels(long channels) => new(DType, channels, Height, Width);
}
