using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;

namespace AlexNet.Core.Interop;

/// <summary>
/// PyTorch's legacy <c>torch.save</c> format (PyTorch 0.4 to 1.5, and <c>_use_new_zipfile_serialization=False</c>, with
/// any pickle protocol from 2 to 5), which torchvision's published <c>alexnet-owt-7be5be79.pth</c> uses: five pickles
/// one after another (magic number, protocol version 1001, system info, the state dict, the sorted storage keys), then
/// each storage in key order as an 8-byte little-endian element count and the raw data.
/// </summary>
internal static class LegacyPyTorchFile
{
    /// <summary>PyTorch's magic number, the first pickle of the file.</summary>
    /// <summary>How much of the file is read first for its pickles (AlexNet's take 3 KB).</summary>
    private const long FirstRead = 1 << 20;

    private static readonly BigInteger Magic = BigInteger.Parse("1950a86a20f9469cfc6c", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>
    /// Opens <paramref name="file"/>, a file that starts with a pickle (told apart from the other formats by its first
    /// byte; <paramref name="path"/> names it in errors): the pickles are read and every storage located and checked
    /// against the file's length; storages are read when asked for.
    /// </summary>
    public static WeightsFileContents Open(FileStream file, string path)
    {
        // The pickles come first and are small: read 1 MB of the file, and more (up to the pickle cap) only while the
        // pickles run past what was read.
        long limit = Math.Min(file.Length, PickleReader.MaxPickleBytes);
        for (long size = Math.Min(limit, FirstRead); ; size = Math.Min(limit, size * 8))
        {
            var head = new byte[size];
            file.Position = 0;
            file.ReadExactly(head);
            try
            {
                var (root, end) = ReadPickles(head, path);
                Dictionary<string, (long Offset, long Length)> located = Locate(file, path, end, root.Keys, StoragesOf(root.State));
                return new WeightsFileContents(path, root.State, "state dict pickle", storage =>
                    located.TryGetValue(storage.Key, out var place)
                        ? (new FileRangeStream(file.SafeFileHandle, place.Offset, place.Length), "storage " + storage.Key)
                        : throw new WeightsFileException(path, $"storage {storage.Key} is not in the file's storage list"), null);
            }
            catch (WeightsFileException) when (size < limit)
            {
                // Perhaps cut off by the read: read more.
            }
        }
    }

    /// <summary>The state dict and the storage keys, read from the pickles at the start of <paramref name="head"/>; the offset after them.</summary>
    private static ((object? State, List<string> Keys) Root, long End) ReadPickles(byte[] head, string path)
    {
        int at = CheckMagic(head, path);
        object? protocol = PickleReader.Read(head, at, path, "protocol version", out int infoAt);
        if (protocol is not 1001L)
        {
            throw new WeightsFileException(path, $"expected the legacy protocol version 1001; found {protocol}", at);
        }

        object? info = PickleReader.Read(head, infoAt, path, "system info", out at);
        if (info is PickleDict sys && sys.Get("little_endian") is false)
        {
            throw new WeightsFileException(path, "the file was written on a big-endian machine (not supported)", infoAt);
        }

        object? root = PickleReader.Read(head, at, path, "state dict pickle", out at);
        int keysAt = at;
        object? keys = PickleReader.Read(head, at, path, "storage keys", out at);
        if (keys is not List<object?> keyList || keyList.Any(k => k is not string))
        {
            throw new WeightsFileException(path, "expected the list of storage keys after the state dict", keysAt);
        }

        return ((root, keyList.Cast<string>().ToList()), at);
    }

    private static int CheckMagic(byte[] head, string path)
    {
        const string NotPyTorch = "a pickle, but not PyTorch's (its magic number 0x1950a86a20f9469cfc6c is missing): not a torch.save file";
        object? magic;
        int end;
        try
        {
            magic = PickleReader.Read(head, 0, path, "magic number", out end);
        }
        catch (WeightsFileException e)
        {
            throw new WeightsFileException(path, $"{NotPyTorch} ({e.Problem})", 0, e);
        }

        return magic is BigInteger value && value == Magic ? end : throw new WeightsFileException(path, NotPyTorch, 0);
    }

    /// <summary>Where each storage's data is: they follow the pickles in key order, each after its element count.</summary>
    private static Dictionary<string, (long Offset, long Length)> Locate(FileStream file, string path, long at, IEnumerable<string> keys,
        Dictionary<string, PickleStorage> storages)
    {
        var located = new Dictionary<string, (long Offset, long Length)>(StringComparer.Ordinal);
        Span<byte> countBytes = stackalloc byte[8];
        foreach (string key in keys)
        {
            if (!storages.TryGetValue(key, out PickleStorage? storage))
            {
                throw new WeightsFileException(path, $"storage {key} is listed but no tensor uses it", at);
            }

            if (file.Length - at < 8 || RandomAccess.Read(file.SafeFileHandle, countBytes, at) != 8)
            {
                throw new WeightsFileException(path, $"storage {key}: the file ends before its element count (truncated)", at);
            }

            long count = BinaryPrimitives.ReadInt64LittleEndian(countBytes);
            long? length = TensorLayout.ByteCount(storage.ElementCount, storage.Type);
            long left = file.Length - at - 8;
            if (count != storage.ElementCount || length is null || length > left || !located.TryAdd(key, (at + 8, length.Value)))
            {
                throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"storage {key}: {count} elements recorded, {storage.ElementCount} x {storage.Type} expected, {left} bytes left in the file"), at);
            }

            at += 8 + length.Value;
        }

        return located;
    }

    /// <summary>
    /// Every storage the object tree <paramref name="root"/> refers to, found without recursion (pickles can nest
    /// 50,000 deep, or refer to themselves).
    /// </summary>
    private static Dictionary<string, PickleStorage> StoragesOf(object? root)
    {
        var storages = new Dictionary<string, PickleStorage>(StringComparer.Ordinal);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            object? value = pending.Pop();
            if (value is null || !seen.Add(value))
            {
                continue;
            }

            IEnumerable<object?> children = value switch
            {
                PickleTensor t => Array.Empty<object?>(),
                PickleDict d => d.Entries.Select(e => e.Value),
                List<object?> list => list,
                object?[] tuple => tuple,
                _ => Array.Empty<object?>(),
            };
            if (value is PickleTensor tensor)
            {
                storages[tensor.Storage.Key] = tensor.Storage;
            }

            foreach (object? child in children)
            {
                pending.Push(child);
            }
        }

        return storages;
    }
}
