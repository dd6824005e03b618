using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Grayscale with 1 or 3 output channels: RGB images become their luma 0.2989 R + 0.587 G + 0.114 B (torchvision's
/// <c>Grayscale</c>; uint8 luma is truncated as torchvision does), one-channel images are kept or replicated to three
/// (as torchvision does for PIL images; its tensor path keeps one channel). Use <c>Grayscale(3)</c> to feed
/// Fashion-MNIST to RGB models.
/// </summary>
internal sealed class Grayscale : ImageTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="outputChannels">1 or 3.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputChannels"/> is neither 1 nor 3.</exception>
    public Grayscale(int outputChannels = 1)
    {
        if (outputChannels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(outputChannels), outputChannels, $"outputChannels must be 1 or 3; got {outputChannels}.");
        }

        OutputChannels = outputChannels;
    }

    /// <summary>Channels of the output, 1 or 3.</summary>
    public int OutputChannels { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        TransformArguments.RequireChannels(input, nameof(Grayscale), 1, 3);
        return input.WithChannels(OutputChannels);
    }

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        Tensor luma = batch.shape[1] == 3 ? ColorOps.Luma(batch) : batch;
        long n = batch.shape[0];
        return luma.expand(n, OutputChannels, batch.shape[2], batch.shape[3]).contiguous();
    }

    /// <inheritdoc />
    public override string ToString() => $"Grayscale({OutputChannels} channels)";
}
