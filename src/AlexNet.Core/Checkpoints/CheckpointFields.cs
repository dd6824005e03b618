using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// Reads the fields of a checkpoint's payload as untrusted input: every count and length is checked against the
/// bytes left in the file before anything is allocated, names are strict UTF-8 of bounded length, flags are 0 or 1,
/// and running out of bytes is a <see cref="CheckpointException"/> naming the field and the offset.
/// </summary>
internal static class CheckpointFields
{
    /// <summary>The longest tensor or metric name accepted, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Bytes left between the reader's position and the end of the file.</summary>
    public static long Remaining(BinaryReader reader) => reader.BaseStream.Length - reader.BaseStream.Position;

    /// <summary>A little-endian int32.</summary>
    public static int ReadInt32(BinaryReader reader, string path, string field)
    {
        Need(reader, 4, path, field);
        return reader.ReadInt32();
    }

    /// <summary>A little-endian int64.</summary>
    public static long ReadInt64(BinaryReader reader, string path, string field)
    {
        Need(reader, 8, path, field);
        return reader.ReadInt64();
    }

    /// <summary>One byte that must be 0 (false) or 1 (true).</summary>
    public static bool ReadFlag(BinaryReader reader, string path, string field)
    {
        long offset = reader.BaseStream.Position;
        Need(reader, 1, path, field);
        byte value = reader.ReadByte();
        return value <= 1 ? value == 1
            : throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture, $"{field}: expected a flag (0 or 1), found {value}"), offset);
    }

    /// <summary>
    /// An int32 count of items that each take at least <paramref name="minItemBytes"/> bytes: negative counts and counts
    /// the rest of the file cannot hold are refused.
    /// </summary>
    public static int ReadCount(BinaryReader reader, string path, string field, int minItemBytes)
    {
        long offset = reader.BaseStream.Position;
        int count = ReadInt32(reader, path, field);
        long remaining = Remaining(reader);
        if (count < 0 || count > remaining / minItemBytes)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"{field}: expected a count from 0 to {remaining / minItemBytes} (the {remaining} bytes left hold at most that many entries "
                + $"of {minItemBytes} bytes or more), found {count}"), offset);
        }

        return count;
    }

    /// <summary>An int32 length followed by that many bytes; the length must fit in the rest of the file.</summary>
    public static byte[] ReadBlock(BinaryReader reader, string path, string field)
    {
        long offset = reader.BaseStream.Position;
        int length = ReadInt32(reader, path, field);
        long remaining = Remaining(reader);
        if (length < 0 || length > remaining)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"{field}: expected a length from 0 to the {remaining} bytes left in the file, found {length}"), offset);
        }

        return reader.ReadBytes(length);
    }

    /// <summary>A name as .NET's BinaryWriter writes a string (7-bit encoded length, UTF-8), of at most <see cref="MaxNameBytes"/> bytes.</summary>
    public static string ReadName(BinaryReader reader, string path, string field)
    {
        long offset = reader.BaseStream.Position;
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            Need(reader, 1, path, field);
            byte part = reader.ReadByte();
            length |= (part & 0x7F) << shift;
            if ((part & 0x80) == 0)
            {
                break;
            }

            if (shift >= 14)
            {
                throw new CheckpointException(path, $"{field}: expected a name length of at most {MaxNameBytes} bytes, found a longer one", offset);
            }
        }

        if (length > MaxNameBytes)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"{field}: expected a name length of at most {MaxNameBytes} bytes, found {length}"), offset);
        }

        Need(reader, length, path, field);
        byte[] bytes = reader.ReadBytes(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CheckpointException(path, $"{field}: expected a UTF-8 name, found {length} bytes that are not valid UTF-8", offset, e);
        }
    }

    /// <summary>Refuses to read <paramref name="bytes"/> bytes when fewer are left.</summary>
    public static void Need(BinaryReader reader, long bytes, string path, string field)
    {
        long remaining = Remaining(reader);
        if (bytes > remaining)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"{field}: expected {bytes} more bytes, found the end of the file ({remaining} left): the file was cut or edited"), reader.BaseStream.Position);
        }
    }
}
