using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// What a transform receives or returns for each image: the element type and the channels, height and width.
/// Pipelines are checked against it when they are built (see <see cref="ITransform.GetOutputSpec"/>).
/// </summary>
/// <param name="DType">Element type, such as <see cref="ScalarType.Byte"/> for stored images or <see cref="ScalarType.Float32"/>.</param>
/// <param name="Channels">Channels per image (1 for grayscale, 3 for RGB).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct ImageSpec(ScalarType DType, long Channels, long Height, long Width)
{
    /// <summary>True for floating-point element types.</summary>
    public bool IsFloatingPoint => DType is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>The spec of an image tensor C x H x W or of the images of a batch N x C x H x W.</summary>
    /// <exception cref="ArgumentException">The tensor is neither 3-D nor 4-D.</exception>
    public static ImageSpec Of(Tensor images)
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
    public ImageSpec WithDType(ScalarType dtype) => this with { DType = dtype };

    /// <summary>The same spec with another size.</summary>
    public ImageSpec WithSize(long height, long width) => this with { Height = height, Width = width };

    /// <summary>The same spec with another channel count.</summary>
    public ImageSpec WithChannels(long channels) => this with { Channels = channels };

    /// <summary>For example "Byte 3x32x32".</summary>
    public override string ToString() => $"{DType} {Channels}x{Height}x{Width}";
}
