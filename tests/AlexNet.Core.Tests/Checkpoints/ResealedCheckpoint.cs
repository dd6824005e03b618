using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AlexNet.Core.Tests.Checkpoints;

/// <summary>
/// Edits a checkpoint as an attacker would: changes the payload and re-seals the header (payload length and SHA-256),
/// so the file passes the checksum and only the reader's own checks stand between it and the trainer.
/// </summary>
internal static class ResealedCheckpoint
{
    public const int HeaderSize = 56;

    /// <summary>Offset of the metadata JSON (after "META" and its int32 length).</summary>
    public const int JsonOffset = HeaderSize + 8;

    /// <summary>Writes <paramref name="payload"/> after a fresh, valid header.</summary>
    public static void Write(string path, byte[] header, ReadOnlySpan<byte> payload)
    {
        var sealedHeader = (byte[])header.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(sealedHeader.AsSpan(16), (ulong)payload.Length);
        SHA256.HashData(payload).CopyTo(sealedHeader, 24);
        using var file = new FileStream(path, FileMode.Create);
        file.Write(sealedHeader);
        file.Write(payload);
    }

    /// <summary>Replaces bytes of the file (offsets from the file start) and re-seals it.</summary>
    public static void Patch(string path, Action<byte[]> edit)
    {
        var bytes = File.ReadAllBytes(path);
        edit(bytes);
        Write(path, bytes[..HeaderSize], bytes.AsSpan(HeaderSize));
    }

    /// <summary>Rewrites the metadata JSON with <paramref name="edit"/> and re-seals the file.</summary>
    public static void EditMetadata(string path, Action<JsonObject> edit)
    {
        var bytes = File.ReadAllBytes(path);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(HeaderSize + 4));
        var json = JsonNode.Parse(bytes.AsSpan(JsonOffset, length))!.AsObject();
        edit(json);
        ReplaceMetadata(path, bytes, Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    /// <summary>Replaces the metadata with <paramref name="json"/> bytes as they are (valid JSON or not) and re-seals the file.</summary>
    public static void ReplaceMetadata(string path, byte[] bytes, byte[] json)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(HeaderSize + 4));
        using var payload = new MemoryStream();
        payload.Write(bytes.AsSpan(HeaderSize, 4));
        Span<byte> lengthBytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(lengthBytes, json.Length);
        payload.Write(lengthBytes);
        payload.Write(json);
        payload.Write(bytes.AsSpan(JsonOffset + length));
        Write(path, bytes[..HeaderSize], payload.ToArray());
    }
}
