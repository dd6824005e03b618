using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace AlexNet.Core.Tests.Interop;

/// <summary>A tensor entry of a hand-built state-dict pickle: a view (offset, size, stride) of a storage.</summary>
public sealed record PickledTensor(
    string Key, string StorageKey, long StorageCount, long Offset, long[] Size, long[] Stride, string StorageType = "FloatStorage");

/// <summary>
/// Builds the weights files a hostile or broken writer could make, byte by byte (pickle protocol 2 as torch.save
/// writes it, PyTorch's zip and legacy layouts, safetensors headers), for the tests that pin down how they are refused.
/// </summary>
public static class HostileFiles
{
    public static readonly byte[] LegacyMagic = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e };

    /// <summary>A protocol-2 pickle of an OrderedDict of the given tensors (<c>torch._utils._rebuild_tensor_v2</c> calls).</summary>
    public static byte[] StateDictPickle(params PickledTensor[] tensors)
    {
        var p = new List<byte> { 0x80, 0x02 };
        Global(p, "collections", "OrderedDict");
        p.Add((byte)')');
        p.Add((byte)'R');
        foreach (PickledTensor t in tensors)
        {
            Text(p, t.Key);
            Global(p, "torch._utils", "_rebuild_tensor_v2");
            p.Add((byte)'(');
            p.Add((byte)'(');
            Text(p, "storage");
            Global(p, "torch", t.StorageType);
            Text(p, t.StorageKey);
            Text(p, "cpu");
            Long(p, t.StorageCount);
            p.Add((byte)'t');
            p.Add((byte)'Q');
            Long(p, t.Offset);
            Tuple(p, t.Size);
            Tuple(p, t.Stride);
            p.Add(0x89);
            Global(p, "collections", "OrderedDict");
            p.Add((byte)')');
            p.Add((byte)'R');
            p.Add((byte)'t');
            p.Add((byte)'R');
            p.Add((byte)'s');
        }

        p.Add((byte)'.');
        return p.ToArray();
    }

    /// <summary>A zip .pth: <c>archive/data.pkl</c>, then each storage as <c>archive/data/KEY</c>, deflated when <paramref name="deflate"/>.</summary>
    public static void Zip(string path, byte[] pickle, IEnumerable<(string Key, byte[] Bytes)> storages, bool deflate = false)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Entry(zip, "archive/data.pkl", pickle, deflate);
        foreach (var (key, bytes) in storages)
        {
            Entry(zip, "archive/data/" + key, bytes, deflate);
        }

        Entry(zip, "archive/version", Encoding.ASCII.GetBytes("3\n"), false);
    }

    /// <summary>
    /// Rewrites the uncompressed size a zip declares for <paramref name="entryName"/> (local header and central
    /// directory) to <paramref name="declared"/>: a file that lies about, or honestly declares, a huge entry.
    /// </summary>
    public static void DeclareSize(string path, string entryName, uint declared)
    {
        byte[] bytes = File.ReadAllBytes(path);
        byte[] name = Encoding.ASCII.GetBytes(entryName);
        for (int i = 0; i + 46 < bytes.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            int nameAt = signature == 0x04034b50 ? i + 30 : signature == 0x02014b50 ? i + 46 : -1;
            int sizeAt = signature == 0x04034b50 ? i + 22 : i + 24;
            if (nameAt > 0 && nameAt + name.Length <= bytes.Length && bytes.AsSpan(nameAt, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(sizeAt), declared);
            }
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>A legacy .pth (PyTorch's magic number, version 1001, system info, <paramref name="pickle"/>, the storage keys, the storages).</summary>
    public static byte[] Legacy(byte[] pickle, params (string Key, long Count, byte[] Bytes)[] storages)
    {
        var file = new List<byte>(LegacyMagic);
        file.AddRange(new byte[] { 0x80, 0x02, (byte)'M', 0xe9, 0x03, (byte)'.' });
        file.AddRange(new byte[] { 0x80, 0x02, (byte)'}', (byte)'.' });
        file.AddRange(pickle);
        var keys = new List<byte> { 0x80, 0x02, (byte)']', (byte)'(' };
        foreach (var (key, _, _) in storages)
        {
            Text(keys, key);
        }

        keys.Add((byte)'e');
        keys.Add((byte)'.');
        file.AddRange(keys);
        foreach (var (_, count, bytes) in storages)
        {
            var countBytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(countBytes, count);
            file.AddRange(countBytes);
            file.AddRange(bytes);
        }

        return file.ToArray();
    }

    /// <summary>A pickle of dicts nested <paramref name="depth"/> deep: {'a': {'a': ... {}}}.</summary>
    public static byte[] NestedDicts(int depth)
    {
        var p = new List<byte> { 0x80, 0x02 };
        for (int i = 0; i < depth; i++)
        {
            p.Add((byte)'}');
            Text(p, "a");
        }

        p.Add((byte)'}');
        for (int i = 0; i < depth; i++)
        {
            p.Add((byte)'s');
        }

        p.Add((byte)'.');
        return p.ToArray();
    }

    /// <summary>A safetensors file: the 8-byte header length, <paramref name="header"/>, then <paramref name="dataBytes"/> zero bytes.</summary>
    public static byte[] SafeTensors(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        return file;
    }

    public static void Text(List<byte> p, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        p.Add((byte)'X');
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        p.AddRange(length);
        p.AddRange(utf8);
    }

    private static void Entry(ZipArchive zip, string name, byte[] bytes, bool deflate)
    {
        using Stream s = zip.CreateEntry(name, deflate ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();
        s.Write(bytes);
    }

    private static void Global(List<byte> p, string module, string name) => p.AddRange(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private static void Long(List<byte> p, long value)
    {
        p.Add(0x8a);
        p.Add(8);
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        p.AddRange(bytes);
    }

    private static void Tuple(List<byte> p, long[] values)
    {
        p.Add((byte)'(');
        foreach (long v in values)
        {
            Long(p, v);
        }

        p.Add((byte)'t');
    }
}
