using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// The checkpoint file layout (docs/checkpoints.md): a 56-byte header, then the payload.
/// Header: magic "ALXNCKPT" (8 bytes), format version (uint32 LE), reserved (uint32, 0), payload length (uint64 LE),
/// SHA-256 of the payload (32 bytes). Payload: sections META, MODL, OPTM, RNG, ACCU, END, each starting with its
/// 4-byte ASCII tag.
/// </summary>
internal static class CheckpointFormat
{
    public const int Version = 1;
    public const int HeaderSize = 56;
    public const string Metadata = "META";
    public const string Model = "MODL";
    public const string Optimizer = "OPTM";
    public const string Random = "RNG ";
    public const string Accumulators = "ACCU";
    public const string End = "END ";

    private static readonly byte[] Magic = "ALXNCKPT"u8.ToArray();

    public static byte[] Header(long payloadLength, byte[] sha256)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), (ulong)payloadLength);
        sha256.CopyTo(header, 24);
        return header;
    }

    /// <summary>Checks the header and the payload checksum; leaves <paramref name="file"/> at the payload start.</summary>
    /// <exception cref="CheckpointException">The file is not a checkpoint, is of a newer version, truncated, or corrupt.</exception>
    public static void Verify(FileStream file, string path)
    {
        long length = file.Length;
        if (length < HeaderSize)
        {
            throw new CheckpointException(path, $"the file is {length} bytes, shorter than the {HeaderSize}-byte checkpoint header: it is not a checkpoint or it is truncated", 0);
        }

        var header = new byte[HeaderSize];
        file.Position = 0;
        file.ReadExactly(header);
        if (!header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new CheckpointException(path, $"not an AlexNet.Lib checkpoint: expected the magic bytes \"ALXNCKPT\", found {Describe(header.AsSpan(0, 8))}", 0);
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
        if (version != Version)
        {
            throw new CheckpointException(path, $"format version {version} is not supported: this library reads version {Version}{(version > Version ? " (the file was written by a newer AlexNet.Lib)" : string.Empty)}", 8);
        }

        ulong payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(16));
        if (payloadLength != (ulong)(length - HeaderSize))
        {
            throw new CheckpointException(path, $"the header announces {payloadLength} payload bytes but the file holds {length - HeaderSize} after the header: the file is truncated or was changed", 16);
        }

        byte[] expected = header.AsSpan(24, 32).ToArray();
        byte[] actual = SHA256.HashData(file);
        if (!expected.SequenceEqual(actual))
        {
            throw new CheckpointException(path, $"the payload checksum does not match (SHA-256 in the header {Convert.ToHexString(expected)[..16]}..., of the payload {Convert.ToHexString(actual)[..16]}...): the file is corrupt", HeaderSize);
        }

        file.Position = HeaderSize;
    }

    public static void WriteSection(BinaryWriter writer, string tag) => writer.Write(Encoding.ASCII.GetBytes(tag));

    /// <exception cref="CheckpointException">The next 4 bytes are not <paramref name="tag"/>.</exception>
    public static void ExpectSection(BinaryReader reader, string tag, string path)
    {
        long offset = reader.BaseStream.Position;
        byte[] found = reader.ReadBytes(4);
        if (!found.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(tag)))
        {
            throw new CheckpointException(path, $"expected section \"{tag.Trim()}\", found {Describe(found)}: the file's layout does not match this library", offset);
        }
    }

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        bool printable = bytes.ToArray().All(b => b >= 0x20 && b < 0x7F);
        return printable ? $"\"{Encoding.ASCII.GetString(bytes)}\"" : "bytes " + Convert.ToHexString(bytes);
    }
}
