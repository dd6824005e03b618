using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using SkiaSharp;

namespace AlexNet.Data.Tests.Images.Support;

/// <summary>
/// Small files that decode to huge images, or claim to: PNGs written here chunk by chunk (zlib-compressed rows of
/// zeros, which shrink about a thousandfold) and a JPEG whose frame header is patched to another size.
/// </summary>
internal static class HostileImages
{
    /// <summary>
    /// A valid 8-bit grayscale PNG of <paramref name="width"/> x <paramref name="height"/> black pixels, its rows
    /// compressed as they are written (never all in memory).
    /// </summary>
    public static void WriteBlackPng(string path, int width, int height)
    {
        using var file = File.Create(path);
        WriteHeader(file, width, height);
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + width]; // filter byte 0, then the samples
            for (int y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        WriteChunk(file, "IDAT", idat.ToArray());
        WriteChunk(file, "IEND", Array.Empty<byte>());
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> x <paramref name="height"/> but whose data holds one row.</summary>
    public static void WriteClaimingPng(string path, int width, int height)
    {
        using var file = File.Create(path);
        WriteHeader(file, width, height);
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(new byte[1 + Math.Min(width, 1 << 16)]);
        }

        WriteChunk(file, "IDAT", idat.ToArray());
        WriteChunk(file, "IEND", Array.Empty<byte>());
    }

    /// <summary>A small JPEG (encoded by SkiaSharp) whose SOF0 frame header is patched to claim <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] ClaimingJpeg(int width, int height)
    {
        byte[] jpeg = SmallJpeg();
        for (int i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("no SOF marker in the encoded JPEG");
    }

    /// <summary>A 16 x 16 colour JPEG encoded by SkiaSharp.</summary>
    public static byte[] SmallJpeg() => Encode(SKEncodedImageFormat.Jpeg);

    /// <summary>A 16 x 16 colour PNG encoded by SkiaSharp.</summary>
    public static byte[] SmallPng() => Encode(SKEncodedImageFormat.Png);

    private static byte[] Encode(SKEncodedImageFormat format) => Encoded(16, 16, format);

    /// <summary>A colour image of <paramref name="width"/> x <paramref name="height"/> encoded by SkiaSharp as <paramref name="format"/>.</summary>
    public static byte[] Encoded(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 16), (byte)(y * 16), (byte)((x + y) * 8)));
            }
        }

        using SKData data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static void WriteHeader(Stream file, int width, int height)
    {
        file.Write(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // grayscale
        WriteChunk(file, "IHDR", ihdr);
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        var sum = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu);
        file.Write(sum);
    }

    /// <summary>PNG's CRC-32 (polynomial 0xEDB88320), continued from <paramref name="crc"/>.</summary>
    private static uint Crc32(uint crc, byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }
}
