using System;
using System.Buffers;
using SkiaSharp;

namespace AlexNet.Data.Images;

/// <summary>
/// Decodes only what one crop box needs: for an upright, complete JPEG decoded with a shorter-side resize and a central
/// crop, the box (inside the crop) of the resized image is computed from the input rows and columns it reads, and only
/// those are decoded (libjpeg-turbo's scanline skip and column crop through SkiaSharp), or, where the system's SIMD
/// libjpeg-turbo is installed (<see cref="TurboJpeg"/>), the whole image is decoded by it. The pixels are those of
/// <see cref="ImageDecoder"/>'s whole decode, resize and crop (a test pins this down); every other file goes through
/// <see cref="ImageDecoder"/> (<c>TryDecode</c> returns null or false).
/// </summary>
/// <remarks>
/// The rows below the last one the box needs are not decoded, so a file cut short there would decode here but not in
/// <see cref="ImageDecoder"/>; a file whose last two bytes are not JPEG's end-of-image marker therefore takes the
/// whole decode, which reports the truncation. The header limits (<see cref="ImageSizeLimits"/>) are checked as there.
/// </remarks>
internal static class JpegWindowDecoder
{
    /// <summary>
    /// The box <paramref name="box"/> (in the <see cref="ImageDecodeOptions.CenterCrop"/> square) of the decoded image as
    /// interleaved RGBA bytes (box height x box width x 4; alpha 255), or null when this file or these options need the
    /// whole decode (not a JPEG, not upright, no end-of-image marker, not RGB output, no resize and crop set).
    /// </summary>
    /// <exception cref="ImageDecodeException">The header is over the limits, or the data ends before the box's rows.</exception>
    public static byte[]? TryDecode(byte[] encoded, ImageDecodeOptions options, PillowBilinear.Window box, string name)
    {
        var rgba = new byte[ImageSizeLimits.BufferBytes(box.Height, box.Width, 4)];
        return TryDecode(encoded, options, box, name, rgba) ? rgba : null;
    }

    /// <summary>
    /// As <see cref="TryDecode(byte[], ImageDecodeOptions, PillowBilinear.Window, string)"/>, writing the box's RGBA bytes
    /// to <paramref name="rgba"/> (box height x box width x 4 bytes); false when the whole decode is needed.
    /// </summary>
    /// <exception cref="ImageDecodeException">The header is over the limits, or the data ends before the box's rows.</exception>
    public static unsafe bool TryDecode(byte[] encoded, ImageDecodeOptions options, PillowBilinear.Window box, string name, Span<byte> rgba)
    {
        if (options.Channels != 3 || options.ShorterSide is not int side || options.CenterCrop is not int crop
            || encoded.Length < 4 || encoded[0] != 0xFF || encoded[1] != 0xD8 || encoded[^2] != 0xFF || encoded[^1] != 0xD9)
        {
            return false;
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg
            || (options.ApplyExifOrientation && codec.EncodedOrigin != SKEncodedOrigin.TopLeft)
            || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return false;
        }

        ImageSizeLimits.CheckHeader(name, codec.EncodedFormat.ToString(), codec.Info.Width, codec.Info.Height, options);
        SKSizeI size = ImageDecoder.ScaledSize(codec, options);
        (int targetWidth, int targetHeight) = Math.Min(size.Width, size.Height) == side
            ? (size.Width, size.Height)
            : ImageSizeLimits.Resized(name, size.Width, size.Height, side, crop, options);
        if (crop > targetWidth || crop > targetHeight || box.Left < 0 || box.Top < 0 || box.Left + box.Width > crop || box.Top + box.Height > crop)
        {
            return false; // the whole decode reports a crop larger than the image
        }

        var window = new PillowBilinear.Window(
            ImagePlanes.CropStart(targetWidth, crop) + box.Left, ImagePlanes.CropStart(targetHeight, crop) + box.Top, box.Width, box.Height);
        if (TurboJpeg.IsAvailable && DecodeWithTurboJpeg(encoded, size, targetWidth, targetHeight, window, rgba))
        {
            return true;
        }

        PillowBilinear.Window source = Widen(PillowBilinear.SourceSpan(size.Width, size.Height, targetWidth, targetHeight, window), size);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var options2 = new SKCodecOptions(new SKRectI(source.Left, 0, source.Left + source.Width, size.Height));
        if (codec.StartScanlineDecode(info, options2) != SKCodecResult.Success)
        {
            return false;
        }

        // Rows as wide as the whole (scaled) image, though SkiaSharp writes only the subset's columns at the start of
        // each: a decoder that wrote a whole row could not run past the buffer.
        int rowBytes = ImageSizeLimits.BufferBytes(1, size.Width, 4);
        int bytes = ImageSizeLimits.BufferBytes(source.Height, size.Width, 4);
        byte[] pixels = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            fixed (byte* p = pixels)
            {
                if ((source.Top > 0 && !codec.SkipScanlines(source.Top))
                    || codec.GetScanlines((IntPtr)p, source.Height, rowBytes) != source.Height)
                {
                    throw new ImageDecodeException(name, ImageDecodeProblems.Describe(SKCodecResult.IncompleteInput, codec));
                }

                PillowBilinear.ResizeInto(p, source, size.Width, size.Height, rowBytes, 4, targetWidth, targetHeight, window, rgba);
                return true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// The window resized from the whole image decoded by the system's SIMD libjpeg-turbo (<see cref="TurboJpeg"/>),
    /// written to <paramref name="rgba"/>; false when it warned or failed (a CMYK JPEG, damaged data): SkiaSharp then decodes the file.
    /// </summary>
    private static unsafe bool DecodeWithTurboJpeg(byte[] encoded, SKSizeI size, int targetWidth, int targetHeight, PillowBilinear.Window window, Span<byte> rgba)
    {
        int bytes = ImageSizeLimits.BufferBytes(size.Height, size.Width, 4);
        byte[] pixels = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            if (TurboJpeg.TryDecode(encoded, size.Width, size.Height, pixels.AsSpan(0, bytes)) != TurboJpeg.Result.Decoded)
            {
                return false;
            }

            fixed (byte* p = pixels)
            {
                var whole = new PillowBilinear.Window(0, 0, size.Width, size.Height);
                PillowBilinear.ResizeInto(p, whole, size.Width, size.Height, size.Width * 4, 4, targetWidth, targetHeight, window, rgba);
                return true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// <paramref name="span"/> grown by <see cref="Margin"/> on every side (within the image), so that the rows and
    /// columns the resize reads are not the edge of the decoded part, where chroma upsampling has no neighbours.
    /// </summary>
    private static PillowBilinear.Window Widen(PillowBilinear.Window span, SKSizeI size)
    {
        int left = Math.Max(0, span.Left - Margin), top = Math.Max(0, span.Top - Margin);
        int right = Math.Min(size.Width, span.Left + span.Width + Margin), bottom = Math.Min(size.Height, span.Top + span.Height + Margin);
        return new PillowBilinear.Window(left, top, right - left, bottom - top);
    }

    /// <summary>Pixels decoded beyond the resize's reach on each side: one 16-pixel MCU of 4:2:0 JPEG.</summary>
    private const int Margin = 16;
}
