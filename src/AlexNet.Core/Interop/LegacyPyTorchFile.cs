using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// PyTorch's legacy <c>torch.save</c> format (PyTorch 0.4 to 1.5, and <c>_use_new_zipfile_serialization=False</c>),
/// which torchvision's published <c>alexnet-owt-7be5be79.pth</c> uses: five pickles one after another (magic number,
/// protocol version 1001, system info, the state dict, the sorted storage keys), then each storage in key order as
/// an 8-byte little-endian element count and the raw data.
/// </summary>
internal static class LegacyPyTorchFile
{
    /// <summary>pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2): PyTorch's magic number.</summary>
    private static readonly byte[] Magic = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e };

    /// <summary>
    /// Reads the state dict in <paramref name="file"/>, the bytes of a file that starts with a pickle (told apart from
    /// the other formats by its first byte; <paramref name="path"/> names it in errors); tensors are on the CPU.
    /// </summary>
    public static Dictionary<string, Tensor> Read(byte[] file, string path)
    {
        if (!file.AsSpan().StartsWith(Magic))
        {
            throw new WeightsFileException(path, "a pickle, but not PyTorch's (its magic number 0x1950a86a20f9469cfc6c is missing): not a torch.save file", 0);
        }

        int at = Magic.Length;
        object? protocol = PickleReader.Read(file, at, path, "protocol version", out at);
        if (protocol is not 1001L)
        {
            throw new WeightsFileException(path, $"expected the legacy protocol version 1001; found {protocol}", Magic.Length);
        }

        int infoAt = at;
        object? info = PickleReader.Read(file, at, path, "system info", out at);
        if (info is PickleDict sys && sys.FirstOrDefault(e => e.Key as string == "little_endian").Value is false)
        {
            throw new WeightsFileException(path, "the file was written on a big-endian machine (not supported)", infoAt);
        }

        object? root = PickleReader.Read(file, at, path, "state dict pickle", out at);
        int keysAt = at;
        object? keys = PickleReader.Read(file, at, path, "storage keys", out at);
        if (keys is not List<object?> keyList || keyList.Any(k => k is not string))
        {
            throw new WeightsFileException(path, "expected the list of storage keys after the state dict", keysAt);
        }

        // Storages follow in key order; their sizes come from the state dict's persistent ids.
        var storageTypes = new Dictionary<string, PickleStorage>(StringComparer.Ordinal);
        Collect(root, storageTypes);
        var located = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
        foreach (string key in keyList.Cast<string>())
        {
            if (!storageTypes.TryGetValue(key, out PickleStorage? storage))
            {
                throw new WeightsFileException(path, $"storage {key} is listed but no tensor uses it", at);
            }

            if (at + 8 > file.Length)
            {
                throw new WeightsFileException(path, $"storage {key}: the file ends before its element count (truncated)", at);
            }

            long count = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(at));
            long length = count * TensorTypes.ElementSize(storage.Type);
            if (count != storage.ElementCount || at + 8 + length > file.Length)
            {
                throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"storage {key}: {count} elements recorded, {storage.ElementCount} expected, {file.Length - at - 8} bytes left"), at);
            }

            located[key] = (at + 8, (int)length);
            at += 8 + (int)length;
        }

        return PyTorchFile.Tensors(root, path, "state dict pickle", storage =>
            located.TryGetValue(storage.Key, out var place)
                ? (file.AsSpan(place.Offset, place.Length).ToArray(), "storage " + storage.Key)
                : throw new WeightsFileException(path, $"storage {storage.Key} is not in the file's storage list"));
    }

    private static void Collect(object? value, Dictionary<string, PickleStorage> storages)
    {
        switch (value)
        {
            case PickleTensor t:
                storages[t.Storage.Key] = t.Storage;
                break;
            case PickleDict d:
                foreach (var (_, v) in d)
                {
                    Collect(v, storages);
                }

                break;
        }
    }
}
