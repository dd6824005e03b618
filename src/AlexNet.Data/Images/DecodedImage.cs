namespace AlexNet.Data.Images;

/// <summary>One decoded image: uint8 pixels in planar C x H x W order (the layout of a tensor image).</summary>
internal sealed class DecodedImage
{
    internal DecodedImage(byte[] pixels, int channels, int height, int width)
    {
        Pixels = pixels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Channels * Height * Width bytes, channel-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>1 or 3.</summary>
    public int Channels { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }
}
