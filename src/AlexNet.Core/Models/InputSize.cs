namespace AlexNet.Core.Models;

/// <summary>The height and width of an input image, in pixels. Two sizes are equal when both numbers are.</summary>
public readonly struct InputSize
{
    /// <summary>A size of <paramref name="height"/> rows and <paramref name="width"/> columns.</summary>
    public InputSize(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Formats as "H x W".</summary>
    public override string ToString() => $"{Height} x {Width}";
}
