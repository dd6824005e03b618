using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>
/// Small gzip files that expand to hundreds of megabytes: the content is a header followed by zeros, written as
/// concatenated gzip members (one compressed megabyte of zeros repeated), so building one takes milliseconds.
/// </summary>
internal static class ExpandingArchives
{
    private const int Chunk = 1 << 20;

    /// <summary>A .tar.gz whose one member <paramref name="memberName"/> declares and holds <paramref name="memberLength"/> zero bytes.</summary>
    public static void WriteTarGz(string path, string memberName, long memberLength)
    {
        using var file = File.Create(path);
        file.Write(Gzip(TarHeader(memberName, memberLength)));
        WriteZeros(file, memberLength);
    }

    /// <summary>An IDX .gz (uint8) with the given dimensions and all-zero values.</summary>
    public static void WriteIdxGz(string path, params int[] dimensions)
    {
        using var header = new MemoryStream();
        header.Write([0, 0, 0x08, (byte)dimensions.Length]);
        long values = 1;
        foreach (int d in dimensions)
        {
            header.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
            values *= d;
        }

        using var file = File.Create(path);
        file.Write(Gzip(header.ToArray()));
        WriteZeros(file, values);
    }

    private static void WriteZeros(Stream file, long count)
    {
        byte[] megabyte = Gzip(new byte[Chunk]);
        for (long i = 0; i < count / Chunk; i++)
        {
            file.Write(megabyte);
        }

        file.Write(Gzip(new byte[count % Chunk]));
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>A ustar header block for a regular file (the size field holds up to 8 GiB in 11 octal digits).</summary>
    private static byte[] TarHeader(string name, long length)
    {
        byte[] block = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(block, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(block, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(length, 8).PadLeft(11, '0') + "\0").CopyTo(block, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(block, 136);
        block[156] = (byte)'0';
        Encoding.ASCII.GetBytes("ustar\0").CopyTo(block, 257);
        Encoding.ASCII.GetBytes("00").CopyTo(block, 263);
        Encoding.ASCII.GetBytes("        ").CopyTo(block, 148);
        int sum = 0;
        foreach (byte b in block)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block, 148);
        return block;
    }
}
