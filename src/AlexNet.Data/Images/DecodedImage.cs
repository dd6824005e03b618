namespace AlexNet.Data.Images;

/// <summary>One decoded image: uint8 pixels in planar C x H x W order (the layout of a tensor image).</summary>
/// <param name="Pixels">Channels * Height * Width bytes, channel-major.</param>
/// <param name="Channels">1 or 3.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public sealed record DecodedImage(byte[] Pixels, int Channels, int Height, int Width);
