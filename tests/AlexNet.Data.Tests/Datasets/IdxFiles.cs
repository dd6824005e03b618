using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>Writes IDX files byte by byte from the format description (big-endian header and values).</summary>
public static class IdxFiles
{
    /// <summary>The bytes of an IDX file with the given type code, dimensions and already big-endian value bytes.</summary>
    public static byte[] Build(byte typeCode, int[] dimensions, ReadOnlySpan<byte> valueBytes)
    {
        byte[] file = new byte[4 + (4 * dimensions.Length) + valueBytes.Length];
        file[2] = typeCode;
        file[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        valueBytes.CopyTo(file.AsSpan(4 + (4 * dimensions.Length)));
        return file;
    }

    public static byte[] UnsignedBytes(int[] dimensions, byte[] values) => Build((byte)IdxDataType.UnsignedByte, dimensions, values);

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>A Fashion-MNIST-shaped pair (images n x rows x cols, labels n) with seeded random content.</summary>
    public static (byte[] Images, byte[] Labels, byte[] Pixels, byte[] LabelValues) RandomImageSet(int seed, int count, int rows, int columns, int classes)
    {
        var random = new Random(seed);
        byte[] pixels = new byte[count * rows * columns];
        random.NextBytes(pixels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)random.Next(classes);
        }

        return (UnsignedBytes([count, rows, columns], pixels), UnsignedBytes([count], labels), pixels, labels);
    }

    /// <summary>Writes a Fashion-MNIST-style split (gzip, official names) into <paramref name="directory"/>.</summary>
    public static void WriteSplit(string directory, string prefix, byte[] images, byte[] labels, bool gzip = true)
    {
        string suffix = gzip ? ".gz" : string.Empty;
        File.WriteAllBytes(Path.Combine(directory, $"{prefix}-images-idx3-ubyte{suffix}"), gzip ? Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte{suffix}"), gzip ? Gzip(labels) : labels);
    }
}
