using System;
using System.IO;
using AlexNet.Core.Validation;
using SkiaSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Images;

/// <summary>
/// Decodes JPEG, PNG, BMP, WebP and GIF (first frame) files with SkiaSharp into uint8 images C x H x W, applying
/// <see cref="ImageDecodeOptions"/>: EXIF orientation, a resize of the shorter side, a central crop and the conversion
/// to RGB or grayscale. Thread-safe; the folder loader calls it from several threads at once.
/// </summary>
/// <remarks>
/// Grayscale, palette, 16-bit and alpha PNGs and CMYK JPEGs are converted (16-bit samples are reduced to 8 bits by
/// SkiaSharp; alpha is dropped without compositing, as PIL does); an empty file, a file that is no image
/// the decoder knows, a corrupt or truncated file raise <see cref="ImageDecodeException"/> naming the file. As with
/// PIL, damage inside a JPEG's compressed data that libjpeg-turbo can conceal is not an error.
/// </remarks>
public static class ImageDecoder
{
    /// <summary>The extensions the decoder reads, lower case with the dot.</summary>
    public static System.Collections.Generic.IReadOnlyList<string> SupportedExtensions { get; } =
        new[] { ".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif" };

    /// <summary>Decodes the file at <paramref name="path"/>.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, empty, not an image, corrupt or truncated.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public static DecodedImage Decode(string path, ImageDecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"the file cannot be read ({e.Message})", e);
        }

        return Decode(bytes, options, path);
    }

    /// <summary>Decodes an encoded image read to the end of <paramref name="stream"/>.</summary>
    /// <param name="stream">The encoded image; read from its current position to its end, not disposed.</param>
    /// <param name="options">How to decode.</param>
    /// <param name="name">The name messages give the input.</param>
    /// <exception cref="ImageDecodeException">The content is empty, not an image, corrupt or truncated.</exception>
    public static DecodedImage Decode(Stream stream, ImageDecodeOptions options, string name = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Decode(copy.ToArray(), options, name);
    }

    /// <summary>Decodes an encoded image held in <paramref name="encoded"/>.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="options">How to decode.</param>
    /// <param name="name">The name messages give the input (the file path when there is one).</param>
    /// <exception cref="ImageDecodeException">The content is empty, not an image, corrupt or truncated.</exception>
    public static DecodedImage Decode(byte[] encoded, ImageDecodeOptions options, string name = "(bytes)")
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(name);
        OptionsValidation.ThrowIfInvalid(new ImageDecodeOptionsValidator(), options);
        if (encoded.Length == 0)
        {
            throw new ImageDecodeException(name, "the file is empty (0 bytes)");
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new ImageDecodeException(name, Unrecognised(encoded));
        using SKBitmap decoded = DecodePixels(codec, options, name);
        SKEncodedOrigin origin = options.ApplyExifOrientation ? codec.EncodedOrigin : SKEncodedOrigin.TopLeft;
        using SKBitmap? resized = Resize(decoded, options.ShorterSide, origin == SKEncodedOrigin.TopLeft ? options.CenterCrop : null);
        return Extract(resized ?? decoded, origin, options, name);
    }

    /// <summary>Decodes the file at <paramref name="path"/> into a uint8 tensor C x H x W, owned by the caller.</summary>
    /// <exception cref="ImageDecodeException">As <see cref="Decode(string, ImageDecodeOptions)"/>.</exception>
    public static Tensor DecodeTensor(string path, ImageDecodeOptions options) => ToTensor(Decode(path, options));

    /// <summary>A uint8 tensor C x H x W holding a copy of <paramref name="image"/>'s pixels.</summary>
    public static Tensor ToTensor(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return tensor(image.Pixels, new long[] { image.Channels, image.Height, image.Width }, ScalarType.Byte);
    }

    private static SKBitmap DecodePixels(SKCodec codec, ImageDecodeOptions options, string name)
    {
        SKImageInfo source = codec.Info;
        if (source.Width <= 0 || source.Height <= 0)
        {
            throw new ImageDecodeException(name, $"the header gives an empty size {source.Width} x {source.Height}");
        }

        SKSizeI size = ScaledSize(codec, options);
        bool gray = options.Channels == 1 && source.ColorType == SKColorType.Gray8;
        var info = gray
            ? new SKImageInfo(size.Width, size.Height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        try
        {
            SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
            if (result == SKCodecResult.InvalidConversion && gray)
            {
                bitmap.Dispose();
                info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
                bitmap = new SKBitmap(info);
                result = codec.GetPixels(info, bitmap.GetPixels());
            }

            if (result != SKCodecResult.Success)
            {
                throw new ImageDecodeException(name, Describe(result, codec));
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private static SKSizeI ScaledSize(SKCodec codec, ImageDecodeOptions options)
    {
        var full = new SKSizeI(codec.Info.Width, codec.Info.Height);
        if (!options.ScaledJpegDecode || options.ShorterSide is not int side || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return full;
        }

        int shorter = Math.Min(full.Width, full.Height);
        if (shorter < 2 * side)
        {
            return full;
        }

        // The largest reduction libjpeg-turbo offers that keeps the shorter side at least `side`.
        SKSizeI best = full;
        foreach (int denominator in new[] { 2, 4, 8 })
        {
            SKSizeI scaled = codec.GetScaledDimensions(1f / denominator);
            if (Math.Min(scaled.Width, scaled.Height) < side)
            {
                break;
            }

            best = scaled;
        }

        return best;
    }

    /// <summary>
    /// The image with its shorter side resized to <paramref name="shorterSide"/> with Pillow's antialiased bilinear
    /// filter (<see cref="PillowBilinear"/>), or null when no resize is needed.
    /// </summary>
    /// <remarks>
    /// With <paramref name="centerCrop"/> (upright images only) just the central square is computed, at the position
    /// <see cref="Extract"/> would crop; the result is then already the crop.
    /// </remarks>
    private static unsafe SKBitmap? Resize(SKBitmap image, int? shorterSide, int? centerCrop)
    {
        if (shorterSide is not int side || Math.Min(image.Width, image.Height) == side)
        {
            return null;
        }

        int width = image.Width, height = image.Height;
        int shorter = Math.Min(width, height), longer = Math.Max(width, height);
        int scaled = (int)(side * (double)longer / shorter);
        int targetWidth = width <= height ? side : scaled;
        int targetHeight = width <= height ? scaled : side;
        var window = new PillowBilinear.Window(0, 0, targetWidth, targetHeight);
        if (centerCrop is int crop && crop <= targetWidth && crop <= targetHeight)
        {
            window = new PillowBilinear.Window(CropStart(targetWidth, crop), CropStart(targetHeight, crop), crop, crop);
        }

        byte[] pixels = PillowBilinear.Resize((byte*)image.GetPixels(), width, height, image.RowBytes, image.BytesPerPixel, targetWidth, targetHeight, window);
        GC.KeepAlive(image);
        var resized = new SKBitmap(image.Info.WithSize(window.Width, window.Height));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, resized.GetPixels(), pixels.Length);
        return resized;
    }

    /// <summary>Applies the orientation and the central crop and converts to planar RGB or grayscale, in one pass.</summary>
    private static unsafe DecodedImage Extract(SKBitmap image, SKEncodedOrigin origin, ImageDecodeOptions options, string name)
    {
        int sw = image.Width, sh = image.Height;
        bool transposed = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int dw = transposed ? sh : sw, dh = transposed ? sw : sh;
        int outH = dh, outW = dw, top = 0, left = 0;
        if (options.CenterCrop is int crop)
        {
            if (crop > dw || crop > dh)
            {
                throw new ImageDecodeException(name, $"the image is {dw} x {dh} (width x height) after decoding, smaller than the {crop} x {crop} central crop; set ImageDecodeOptions.ShorterSide to at least {crop}");
            }

            outH = outW = crop;
            top = CropStart(dh, crop);
            left = CropStart(dw, crop);
        }

        int channels = options.Channels;
        int bpp = image.BytesPerPixel;
        int rowBytes = image.RowBytes;
        byte* src = (byte*)image.GetPixels();
        var pixels = new byte[channels * outH * outW];
        int plane = outH * outW;
        fixed (byte* dst = pixels)
        {
            for (int y = 0; y < outH; y++)
            {
                int dy = y + top;
                for (int x = 0; x < outW; x++)
                {
                    int dx = x + left;
                    (int sx, int sy) = SourceOf(origin, dx, dy, sw, sh);
                    byte* p = src + ((long)sy * rowBytes) + ((long)sx * bpp);
                    int o = (y * outW) + x;
                    if (channels == 3)
                    {
                        byte r = p[0];
                        dst[o] = r;
                        dst[plane + o] = bpp == 1 ? r : p[1];
                        dst[(2 * plane) + o] = bpp == 1 ? r : p[2];
                    }
                    else
                    {
                        // PIL's convert("L"): (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16.
                        dst[o] = bpp == 1 ? p[0] : (byte)(((p[0] * 19595) + (p[1] * 38470) + (p[2] * 7471) + 0x8000) >> 16);
                    }
                }
            }
        }

        GC.KeepAlive(image);
        return new DecodedImage(pixels, channels, outH, outW);
    }

    /// <summary>torchvision's centre-crop offset: int(round((size - crop) / 2)), rounding half to even as Python does.</summary>
    private static int CropStart(int size, int crop) => (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven);

    /// <summary>The stored pixel shown at (x, y) of the upright image, for each EXIF orientation.</summary>
    private static (int X, int Y) SourceOf(SKEncodedOrigin origin, int x, int y, int sw, int sh) => origin switch
    {
        SKEncodedOrigin.TopRight => (sw - 1 - x, y),
        SKEncodedOrigin.BottomRight => (sw - 1 - x, sh - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, sh - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, sh - 1 - x),
        SKEncodedOrigin.RightBottom => (sw - 1 - y, sh - 1 - x),
        SKEncodedOrigin.LeftBottom => (sw - 1 - y, x),
        _ => (x, y),
    };

    private static string Describe(SKCodecResult result, SKCodec codec) => result switch
    {
        SKCodecResult.IncompleteInput => $"the {codec.EncodedFormat} data is truncated (the file ends before the image is complete)",
        SKCodecResult.ErrorInInput => $"the {codec.EncodedFormat} data is corrupt",
        SKCodecResult.InvalidConversion => $"SkiaSharp cannot convert this {codec.EncodedFormat} ({codec.Info.ColorType}) to RGB",
        _ => $"SkiaSharp could not decode this {codec.EncodedFormat} ({result})",
    };

    /// <summary>Why SkiaSharp found no codec: a known signature with a header it cannot read, or no known signature.</summary>
    private static string Unrecognised(byte[] bytes)
    {
        string? format = Signature(bytes);
        return format is null
            ? $"not an image SkiaSharp can decode (JPEG, PNG, BMP, WebP or GIF expected; the {bytes.Length:N0} bytes start with {Hex(bytes)})"
            : $"the file starts like a {format} but its header is truncated or corrupt ({bytes.Length:N0} bytes)";
    }

    private static string? Signature(byte[] b)
    {
        bool Starts(params byte[] prefix) => b.Length >= prefix.Length && b.AsSpan(0, prefix.Length).SequenceEqual(prefix);
        if (Starts(0xFF, 0xD8, 0xFF))
        {
            return "JPEG";
        }

        if (Starts(0x89, (byte)'P', (byte)'N', (byte)'G'))
        {
            return "PNG";
        }

        if (Starts((byte)'G', (byte)'I', (byte)'F', (byte)'8'))
        {
            return "GIF";
        }

        if (Starts((byte)'B', (byte)'M'))
        {
            return "BMP";
        }

        return b.Length >= 12 && Starts((byte)'R', (byte)'I', (byte)'F', (byte)'F') && b.AsSpan(8, 4).SequenceEqual("WEBP"u8) ? "WebP" : null;
    }

    private static string Hex(byte[] bytes) =>
        Convert.ToHexString(bytes, 0, Math.Min(8, bytes.Length)) + (bytes.Length > 8 ? "..." : string.Empty);
}
