using System;

namespace AlexNet.Data.Transforms;

/// <summary>
/// A height and width in pixels, such as a crop or resize target. An integer converts to a square size. Two sizes are
/// equal when both dimensions are.
/// </summary>
public readonly struct ImageSize
{
    /// <summary>Creates the size.</summary>
    /// <param name="height">Height in pixels.</param>
    /// <param name="width">Width in pixels.</param>
    public ImageSize(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>A square size <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static implicit operator ImageSize(int size) => new(size, size);

    /// <summary>For example "224x224" (height x width).</summary>
    public override string ToString() => $"{Height}x{Width}";

    internal ImageSize Validated(string name)
    {
        if (Height < 1 || Width < 1)
        {
            throw new ArgumentOutOfRangeException(name, this, $"{name} must be at least 1x1; got {this}.");
        }

        return this;
    }
}
