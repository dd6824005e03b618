namespace AlexNet.Core.Models;

/// <summary>The height and width of an input image, in pixels.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct InputSize(int Height, int Width)
{
    /// <summary>Formats as "H x W".</summary>
    public override string ToString() => $"{Height} x {Width}";
}
