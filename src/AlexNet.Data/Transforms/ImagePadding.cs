using System;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>Padding of a batch N x C x H x W with torchvision's modes; shared by <see cref="Pad"/>, <see cref="RandomCrop"/> and <see cref="CenterCrop"/>.</summary>
internal static class ImagePadding
{
    /// <summary>Checks that <paramref name="input"/> can be padded as asked and returns the padded spec.</summary>
    public static ImageSpec GetOutputSpec(ImageSpec input, Padding padding, PaddingMode mode, double fill, string transform)
    {
        if (mode == PaddingMode.Reflect && (Math.Max(padding.Top, padding.Bottom) >= input.Height || Math.Max(padding.Left, padding.Right) >= input.Width))
        {
            throw new ArgumentException($"{transform}: reflect padding must be smaller than the image; got padding {padding} for {input}.", nameof(padding));
        }

        if (mode == PaddingMode.Symmetric && (Math.Max(padding.Top, padding.Bottom) > input.Height || Math.Max(padding.Left, padding.Right) > input.Width))
        {
            throw new ArgumentException($"{transform}: symmetric padding must not exceed the image; got padding {padding} for {input}.", nameof(padding));
        }

        if (mode == PaddingMode.Constant && input.DType == ScalarType.Byte && (fill < 0 || fill > 255 || fill != Math.Floor(fill)))
        {
            throw new ArgumentException($"{transform}: the fill of uint8 images must be an integer in [0, 255]; got {fill}.", nameof(fill));
        }

        return input.WithSize(input.Height + padding.Top + padding.Bottom, input.Width + padding.Left + padding.Right);
    }

    /// <summary>Pads a batch N x C x H x W; returns a new tensor (the input itself is never returned).</summary>
    public static Tensor Pad(Tensor batch, Padding padding, PaddingMode mode, double fill)
    {
        if (padding.IsZero)
        {
            return batch.alias();
        }

        if (mode == PaddingMode.Constant)
        {
            return nn.functional.pad(batch, new long[] { padding.Left, padding.Right, padding.Top, padding.Bottom }, PaddingModes.Constant, fill);
        }

        using Tensor rows = SourceIndices(batch.shape[2], padding.Top, padding.Bottom, mode, batch.device);
        using Tensor columns = SourceIndices(batch.shape[3], padding.Left, padding.Right, mode, batch.device);
        using Tensor padRows = batch.index_select(2, rows);
        return padRows.index_select(3, columns);
    }

    /// <summary>For each output position along one axis, the input position it copies.</summary>
    private static Tensor SourceIndices(long size, int before, int after, PaddingMode mode, Device device)
    {
        var indices = new long[before + size + after];
        for (long o = 0; o < indices.Length; o++)
        {
            long i = o - before;
            indices[o] = mode switch
            {
                PaddingMode.Edge => Math.Clamp(i, 0, size - 1),
                PaddingMode.Reflect => i < 0 ? -i : i >= size ? (2 * (size - 1)) - i : i,
                PaddingMode.Symmetric => i < 0 ? -i - 1 : i >= size ? (2 * size) - 1 - i : i,
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Constant padding has no source index."),
            };
        }

        return tensor(indices, device: device);
    }
}
