using System;
using System.Globalization;

namespace AlexNet.Data.Images;

/// <summary>
/// The decoder's size checks, in checked 64-bit arithmetic: the pixel limit on the size a header declares (before any
/// pixel is allocated) and on the size a resize would produce, and the largest buffer the decoder can hold.
/// </summary>
internal static class ImageSizeLimits
{
    /// <summary>Pillow's default <c>Image.MAX_IMAGE_PIXELS</c>: 1024 * 1024 * 1024 // 4 // 3.</summary>
    public const long DefaultMaxImagePixels = 89_478_485;

    /// <summary>The most bytes one buffer of the decoder may hold (.NET's largest byte array).</summary>
    public const long MaxBufferBytes = 0x7FFFFFC7;

    /// <summary>Refuses a header size above <see cref="ImageDecodeOptions.MaxImagePixels"/>.</summary>
    /// <exception cref="ImageDecodeException">The image has more pixels than the limit allows.</exception>
    public static void CheckHeader(string name, string format, int width, int height, ImageDecodeOptions options)
    {
        long pixels = checked((long)width * height);
        if (options.MaxImagePixels is long limit && pixels > limit)
        {
            throw new ImageDecodeException(
                name,
                Invariant($"the {format} header gives {width:N0} x {height:N0} = {pixels:N0} pixels, more than ImageDecodeOptions.MaxImagePixels ")
                + Invariant($"({limit:N0}); refused before decoding as a possible decompression bomb (raise the limit for a trusted file)"));
        }
    }

    /// <summary>
    /// The size of <paramref name="width"/> x <paramref name="height"/> with its shorter side resized to
    /// <paramref name="side"/> (the longer side int(side * long / short), as torchvision), refused when it has more
    /// pixels than the limit allows or cannot be represented.
    /// </summary>
    /// <exception cref="ImageDecodeException">The resized image is too large.</exception>
    public static (int Width, int Height) Resized(string name, int width, int height, int side, int? crop, ImageDecodeOptions options)
    {
        int shorter = Math.Min(width, height), longer = Math.Max(width, height);
        double exact = side * (double)longer / shorter;
        long scaled = exact >= int.MaxValue ? long.MaxValue : (long)exact;
        long pixels = scaled == long.MaxValue ? long.MaxValue : checked(scaled * side);
        string size = width <= height ? Invariant($"{side:N0} x {exact:N0}") : Invariant($"{exact:N0} x {side:N0}");
        if (crop is null && options.MaxImagePixels is long limit && pixels > limit)
        {
            throw new ImageDecodeException(
                name,
                Invariant($"resizing the {width:N0} x {height:N0} image to a shorter side of {side:N0} gives {size} = {(double)side * exact:N0} pixels, ")
                + Invariant($"more than ImageDecodeOptions.MaxImagePixels ({limit:N0}); set CenterCrop, or raise the limit for a trusted file"));
        }

        if (scaled > int.MaxValue || (crop is null && pixels > MaxBufferBytes / 4))
        {
            throw new ImageDecodeException(
                name,
                Invariant($"resizing the {width:N0} x {height:N0} image to a shorter side of {side:N0} gives {size} pixels, ")
                + "more than one buffer can hold; set CenterCrop");
        }

        return width <= height ? (side, (int)scaled) : ((int)scaled, side);
    }

    /// <summary>The bytes of a buffer of <paramref name="rows"/> x <paramref name="columns"/> x <paramref name="bytesPerPixel"/>, checked.</summary>
    /// <exception cref="OverflowException">The buffer cannot be represented.</exception>
    public static int BufferBytes(long rows, long columns, long bytesPerPixel)
    {
        long bytes = checked(rows * columns * bytesPerPixel);
        if (bytes < 0 || bytes > MaxBufferBytes)
        {
            throw new OverflowException(Invariant($"a buffer of {rows:N0} x {columns:N0} x {bytesPerPixel} bytes is larger than the largest array"));
        }

        return (int)bytes;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
