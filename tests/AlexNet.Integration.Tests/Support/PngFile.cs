using System;
using System.Buffers.Binary;
using System.Linq;

namespace AlexNet.Integration.Tests.Support;

/// <summary>Reads the size of a PNG from its IHDR chunk.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>Width and height; throws when the bytes do not start like a PNG.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        if (png.Length < 24 || !png.Take(8).SequenceEqual(Signature) || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R')
        {
            throw new FormatException("not a PNG file");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
