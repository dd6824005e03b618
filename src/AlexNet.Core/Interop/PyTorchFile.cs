using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// PyTorch's <c>torch.save</c> file format (PyTorch 1.6 and later): a zip archive <c>archive/data.pkl</c> (the pickled
/// state dict), <c>archive/data/0</c>, <c>archive/data/1</c>, ... (raw little-endian tensor storages) and
/// <c>archive/version</c>. Reads state dicts of tensors only, through a restricted unpickler that runs no code.
/// </summary>
internal static class PyTorchFile
{
    /// <summary>
    /// Reads the state dict the zip archive <paramref name="file"/> holds (already told apart from the other formats by
    /// its first bytes; <paramref name="path"/> names it in errors); tensors are on the CPU, in file order.
    /// </summary>
    public static Dictionary<string, Tensor> Read(FileStream file, string path)
    {
        file.Position = 0;
        using var zip = OpenZip(file, path);
        ZipArchiveEntry pickle = FindPickle(zip, path);
        string prefix = pickle.FullName[..^"data.pkl".Length];
        ThrowIfBigEndian(zip, prefix, path);

        object? root = PickleReader.Read(ReadAll(pickle, path), path, pickle.FullName);
        return Tensors(root, path, pickle.FullName, storage =>
        {
            string entryName = prefix + "data/" + storage.Key;
            ZipArchiveEntry entry = zip.GetEntry(entryName)
                ?? throw new WeightsFileException(path, $"storage {entryName} is missing from the archive");
            return (ReadAll(entry, path), entryName);
        });
    }

    /// <summary>
    /// The tensors of the state dict <paramref name="root"/> (a pickled dict), each a copy of its view of a storage
    /// whose bytes <paramref name="storageBytes"/> gives (with a name for errors).
    /// </summary>
    internal static Dictionary<string, Tensor> Tensors(object? root, string path, string entry, Func<PickleStorage, (byte[] Bytes, string Name)> storageBytes)
    {
        PickleDict dict = StateDictOf(root, path, entry);
        var storages = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (key, value) in dict)
            {
                string name = key as string ?? throw new WeightsFileException(path, $"{entry}: a state-dict key is {Describe(key)}, not a string");
                if (value is not PickleTensor tensor)
                {
                    throw new WeightsFileException(path, $"{entry}: the value of '{name}' is {Describe(value)}, not a tensor");
                }

                result[name] = Materialise(tensor, storages, storageBytes, path, name);
            }
        }
        catch
        {
            TensorIO.DisposeAll(result.Values);

            throw;
        }
        finally
        {
            TensorIO.DisposeAll(storages.Values);
        }

        return result;
    }

    /// <summary>Writes <paramref name="state"/> as <c>torch.save</c> does, atomically (a temporary file renamed over <paramref name="path"/>).</summary>
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, Tensor>> state)
    {
        var keys = state.Select(e => e.Key).ToList();
        var shapes = state.Select(e => e.Value.shape).ToList();
        var types = state.Select(e => e.Value.dtype).ToList();
        byte[] pickle = PickleWriter.StateDict(keys, shapes, types);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, "archive/data.pkl", pickle);
            for (int i = 0; i < state.Count; i++)
            {
                using Tensor cpu = state[i].Value.detach().cpu().contiguous();
                WriteEntry(zip, "archive/data/" + i.ToString(CultureInfo.InvariantCulture), cpu.bytes.ToArray());
            }

            WriteEntry(zip, "archive/version", Encoding.ASCII.GetBytes("3\n"));
        });
    }

    private static ZipArchive OpenZip(FileStream file, string path)
    {
        try
        {
            return new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new WeightsFileException(path, $"not a readable zip archive (truncated or corrupt): {e.Message}", null, e);
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] data)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        using Stream s = entry.Open();
        s.Write(data);
    }

    private static ZipArchiveEntry FindPickle(ZipArchive zip, string path)
    {
        var candidates = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        string hint = zip.Entries.Any(e => e.FullName.Contains("/code/", StringComparison.Ordinal) || e.FullName.EndsWith("constants.pkl", StringComparison.Ordinal))
            ? " It looks like a TorchScript archive (torch.jit.save); save model.state_dict() with torch.save instead."
            : string.Empty;
        throw new WeightsFileException(path,
            $"expected exactly one <name>/data.pkl entry in the zip archive; found {candidates.Count} (entries: {string.Join(", ", zip.Entries.Take(8).Select(e => e.FullName))}{(zip.Entries.Count > 8 ? ", ..." : string.Empty)}).{hint}");
    }

    private static void ThrowIfBigEndian(ZipArchive zip, string prefix, string path)
    {
        ZipArchiveEntry? order = zip.GetEntry(prefix + "byteorder");
        if (order is not null)
        {
            string text = Encoding.ASCII.GetString(ReadAll(order, path)).Trim();
            if (text != "little")
            {
                throw new WeightsFileException(path, $"{order.FullName}: expected 'little'; found '{text}' (big-endian files are not supported)");
            }
        }
    }

    private static PickleDict StateDictOf(object? root, string path, string entry)
    {
        if (root is not PickleDict dict)
        {
            throw new WeightsFileException(path, $"{entry}: expected a state dict (a dict of tensors); found {Describe(root)}");
        }

        // A training checkpoint that wraps the state dict: {'state_dict': {...}, 'epoch': 3, ...}.
        if (!dict.All(e => e.Value is PickleTensor))
        {
            foreach (string wrapper in new[] { "state_dict", "model_state_dict", "model" })
            {
                if (dict.FirstOrDefault(e => e.Key as string == wrapper).Value is PickleDict inner && inner.All(e => e.Value is PickleTensor))
                {
                    return inner;
                }
            }
        }

        return dict;
    }

    private static Tensor Materialise(PickleTensor t, Dictionary<string, Tensor> storages,
        Func<PickleStorage, (byte[] Bytes, string Name)> storageBytes, string path, string key)
    {
        if (!storages.TryGetValue(t.Storage.Key, out Tensor? storage))
        {
            var (bytes, entryName) = storageBytes(t.Storage);
            long expected = t.Storage.ElementCount * TensorTypes.ElementSize(t.Storage.Type);
            if (bytes.LongLength != expected)
            {
                throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"{entryName} ('{key}'): expected {expected} bytes ({t.Storage.ElementCount} x {t.Storage.Type}); found {bytes.LongLength}"));
            }

            storage = empty(t.Storage.ElementCount, t.Storage.Type);
            if (bytes.Length > 0)
            {
                storage.bytes = bytes;
            }

            storages[t.Storage.Key] = storage;
        }

        long last = t.Offset;
        for (int i = 0; i < t.Size.Length; i++)
        {
            if (t.Size[i] < 0 || t.Stride[i] < 0)
            {
                throw new WeightsFileException(path, $"'{key}': negative size or stride");
            }

            last += t.Size[i] == 0 ? 0 : (t.Size[i] - 1) * t.Stride[i];
        }

        if (t.Size.Contains(0))
        {
            return empty(t.Size, t.Storage.Type);
        }

        if (t.Offset < 0 || last >= t.Storage.ElementCount)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"'{key}': shape [{string.Join(", ", t.Size)}] at offset {t.Offset} reaches element {last}, beyond its storage of {t.Storage.ElementCount}"));
        }

        using Tensor view = storage.as_strided(t.Size, t.Stride, t.Offset);
        return view.clone();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, string path)
    {
        try
        {
            using Stream s = entry.Open();
            using var copy = new MemoryStream(checked((int)Math.Max(entry.Length, 0)));
            s.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new WeightsFileException(path, $"{entry.FullName}: unreadable (corrupt archive): {e.Message}", null, e);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{s}'",
        long or double or bool => $"the number {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        PickleDict => "a dict",
        object?[] => "a tuple",
        List<object?> => "a list",
        _ => value.GetType().Name,
    };
}
