using System;
using SkiaSharp;

namespace AlexNet.Data.Images;

/// <summary>The <see cref="ImageDecodeException.Problem"/> texts of <see cref="ImageDecoder"/>: why a file could not be decoded.</summary>
internal static class ImageDecodeProblems
{
    /// <summary>Why SkiaSharp's codec failed with <paramref name="result"/>.</summary>
    public static string Describe(SKCodecResult result, SKCodec codec) => result switch
    {
        SKCodecResult.IncompleteInput => $"the {codec.EncodedFormat} data is truncated (the file ends before the image is complete)",
        SKCodecResult.ErrorInInput => $"the {codec.EncodedFormat} data is corrupt",
        SKCodecResult.InvalidConversion => $"SkiaSharp cannot convert this {codec.EncodedFormat} ({codec.Info.ColorType}) to RGB",
        _ => $"SkiaSharp could not decode this {codec.EncodedFormat} ({result})",
    };

    /// <summary>
    /// What an exception thrown inside the decoder means (SkiaSharp's "Unable to allocate pixels", an overflow, memory
    /// running out), for an <see cref="ImageDecodeException"/> that wraps it.
    /// </summary>
    public static string DecoderFailure(Exception e) => e switch
    {
        OutOfMemoryException => $"the decoder ran out of memory ({e.Message})",
        OverflowException => $"the image's size cannot be represented by the decoder ({e.Message})",
        _ when e.Message.Contains("allocate pixels", StringComparison.OrdinalIgnoreCase) =>
            $"SkiaSharp could not allocate the pixels the header asks for ({e.Message})",
        _ => $"the decoder failed ({e.GetType().Name}: {e.Message})",
    };

    /// <summary>Why SkiaSharp found no codec: a known signature with a header it cannot read, or no known signature.</summary>
    public static string Unrecognised(byte[] bytes)
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
