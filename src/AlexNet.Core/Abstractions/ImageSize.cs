using System.Globalization;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// A height and width in pixels: a model's input size, a crop or a resize target. An integer converts to a square size.
/// Two sizes are equal when their heights and widths are.
/// </summary>
public readonly struct ImageSize
{
    /// <summary>A size of <paramref name="height"/> x <paramref name="width"/> pixels.</summary>
    /// <param name="height">Height in pixels (rows).</param>
    /// <param name="width">Width in pixels (columns).</param>
    public ImageSize(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Height in pixels (rows).</summary>
    public int Height { get; }

    /// <summary>Width in pixels (columns).</summary>
    public int Width { get; }

    /// <summary>A square size <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static implicit operator ImageSize(int size) => FromInt32(size);

    /// <summary>A square size <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static ImageSize FromInt32(int size) => new(size, size);

    /// <summary>For example "224x224" (height x width), as the transforms print their sizes.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}");

    /// <summary>For example "224 x 224": the spaced form of the model's and the options' messages.</summary>
    internal string ToSpacedString() => string.Create(CultureInfo.InvariantCulture, $"{Height} x {Width}");
}
