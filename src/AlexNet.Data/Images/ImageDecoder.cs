using System;
using System.IO;
using AlexNet.Core.Validation;
using SkiaSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Images;

/// <summary>
/// Decodes JPEG, PNG, BMP, WebP and GIF (first frame) files with SkiaSharp into uint8 images C x H x W, applying
/// <see cref="ImageDecodeOptions"/>: EXIF orientation, a resize of the shorter side, a central crop and the conversion
/// to RGB or grayscale. Thread-safe; an image folder's ReadBatch calls it from several threads at once.
/// </summary>
/// <remarks>
/// Grayscale, palette, 16-bit and alpha PNGs and CMYK JPEGs are converted (16-bit samples are reduced to 8 bits by
/// SkiaSharp; alpha is dropped without compositing, as PIL does); an empty file, a file that is no image
/// the decoder knows, a corrupt or truncated file raise <see cref="ImageDecodeException"/> naming the file. As with
/// PIL, damage inside a JPEG's compressed data that libjpeg-turbo can conceal is not an error.
/// </remarks>
internal static class ImageDecoder
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
        return Decode(ImageFileReader.ReadAll(path), options, path);
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

        try
        {
            using var data = SKData.CreateCopy(encoded);
            using var codec = SKCodec.Create(data) ?? throw new ImageDecodeException(name, ImageDecodeProblems.Unrecognised(encoded));
            using SKBitmap decoded = DecodePixels(encoded, codec, options, name);
            SKEncodedOrigin origin = options.ApplyExifOrientation ? codec.EncodedOrigin : SKEncodedOrigin.TopLeft;
            using SKBitmap? resized = Resize(decoded, options, origin == SKEncodedOrigin.TopLeft ? options.CenterCrop : null, name);
            return ImagePlanes.Extract(resized ?? decoded, origin, options, name);
        }
        catch (Exception e) when (e is not ImageDecodeException)
        {
            throw new ImageDecodeException(name, ImageDecodeProblems.DecoderFailure(e), e);
        }
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

    /// <summary>The bitmap's pixel bytes (RGBA, rows packed).</summary>
    private static unsafe Span<byte> PixelSpan(SKBitmap bitmap) => new((void*)bitmap.GetPixels(), checked(bitmap.RowBytes * bitmap.Height));

    /// <summary>
    /// The decoded pixels at <see cref="ScaledSize"/>: RGBA, or gray when one channel is asked of a gray image. RGB(A)
    /// JPEGs go to the system's SIMD libjpeg-turbo where it is installed (<see cref="TurboJpeg"/>; the same pixels),
    /// everything else, and any JPEG it warns about, to SkiaSharp.
    /// </summary>
    private static SKBitmap DecodePixels(byte[] encoded, SKCodec codec, ImageDecodeOptions options, string name)
    {
        SKImageInfo source = codec.Info;
        if (source.Width <= 0 || source.Height <= 0)
        {
            throw new ImageDecodeException(name, $"the header gives an empty size {source.Width} x {source.Height}");
        }

        ImageSizeLimits.CheckHeader(name, codec.EncodedFormat.ToString(), source.Width, source.Height, options);

        SKSizeI size = ScaledSize(codec, options);
        bool gray = options.Channels == 1 && source.ColorType == SKColorType.Gray8;
        var info = gray
            ? new SKImageInfo(size.Width, size.Height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        try
        {
            if (!gray && codec.EncodedFormat == SKEncodedImageFormat.Jpeg && TurboJpeg.IsAvailable && bitmap.RowBytes == info.Width * 4
                && TurboJpeg.TryDecode(encoded, size.Width, size.Height, PixelSpan(bitmap)) == TurboJpeg.Result.Decoded)
            {
                return bitmap;
            }

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
                throw new ImageDecodeException(name, ImageDecodeProblems.Describe(result, codec));
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>The size the JPEG is decoded at: reduced to an n/8 scale with <see cref="ImageDecodeOptions.ScaledJpegDecode"/>, else the full size.</summary>
    internal static SKSizeI ScaledSize(SKCodec codec, ImageDecodeOptions options)
    {
        var full = new SKSizeI(codec.Info.Width, codec.Info.Height);
        if (!options.ScaledJpegDecode || options.ShorterSide is not int side || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return full;
        }

        // The smallest of libjpeg-turbo's DCT scales n/8 (n = 1..7) that keeps the shorter side at least `side`.
        for (int eighths = 1; eighths < 8; eighths++)
        {
            SKSizeI scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Min(scaled.Width, scaled.Height) >= side && scaled.Width < full.Width)
            {
                return scaled;
            }
        }

        return full;
    }

    /// <summary>
    /// The image with its shorter side resized to <see cref="ImageDecodeOptions.ShorterSide"/> with Pillow's antialiased
    /// bilinear filter (<see cref="PillowBilinear"/>), or null when no resize is needed; a result above the pixel limit
    /// (<see cref="ImageSizeLimits.Resized"/>) raises <see cref="ImageDecodeException"/> naming <paramref name="name"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="centerCrop"/> (upright images only) just the central square is computed, at the position
    /// <see cref="ImagePlanes.Extract"/> would crop; the result is then already the crop.
    /// </remarks>
    private static unsafe SKBitmap? Resize(SKBitmap image, ImageDecodeOptions options, int? centerCrop, string name)
    {
        if (options.ShorterSide is not int side || Math.Min(image.Width, image.Height) == side)
        {
            return null;
        }

        int width = image.Width, height = image.Height;
        (int targetWidth, int targetHeight) = ImageSizeLimits.Resized(name, width, height, side, centerCrop, options);
        var window = new PillowBilinear.Window(0, 0, targetWidth, targetHeight);
        if (centerCrop is int crop && crop <= targetWidth && crop <= targetHeight)
        {
            window = new PillowBilinear.Window(ImagePlanes.CropStart(targetWidth, crop), ImagePlanes.CropStart(targetHeight, crop), crop, crop);
        }

        byte[] pixels = PillowBilinear.Resize((byte*)image.GetPixels(), width, height, image.RowBytes, image.BytesPerPixel, targetWidth, targetHeight, window);
        GC.KeepAlive(image);
        var resized = new SKBitmap(image.Info.WithSize(window.Width, window.Height));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, resized.GetPixels(), pixels.Length);
        return resized;
    }
}
