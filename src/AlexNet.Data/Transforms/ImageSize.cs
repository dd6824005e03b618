using System;

namespace AlexNet.Data.Transforms;

/// <summary>A height and width in pixels, such as a crop or resize target. An integer converts to a square size.</summary>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct ImageSize(int Height, int Width)
{
    /// <summary>A square size <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static implicit operator ImageSize(int size) => FromInt32(size);

    /// <summary>A square size <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static ImageSize FromInt32(int size) => new(size, size);

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
