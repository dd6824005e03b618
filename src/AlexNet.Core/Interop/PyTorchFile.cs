using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
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
    /// Opens the zip archive <paramref name="file"/> (already told apart from the other formats by its first bytes;
    /// <paramref name="path"/> names it in errors): its pickle is read, its storages when asked for. Each storage entry
    /// must declare exactly the bytes its persistent id gives (checked before inflating), and only the bytes its
    /// tensors reach are inflated.
    /// </summary>
    public static WeightsFileContents Open(FileStream file, string path)
    {
        file.Position = 0;
        ZipArchive zip = OpenZip(file, path);
        try
        {
            ZipArchiveEntry pickle = FindPickle(zip, path);
            string prefix = pickle.FullName[..^"data.pkl".Length];
            ThrowIfBigEndian(zip, prefix, path);
            object? root = PickleReader.Read(ReadSmall(pickle, path, PickleReader.MaxPickleBytes), path, pickle.FullName);
            return new WeightsFileContents(path, root, pickle.FullName, storage => OpenStorage(zip, prefix + "data/" + storage.Key, storage, path), zip);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            zip.Dispose();
            throw new WeightsFileException(path, $"not a readable zip archive (truncated or corrupt): {e.Message}", null, e);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
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
                ZipArchiveEntry entry = zip.CreateEntry("archive/data/" + i.ToString(CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
                using Stream s = entry.Open();
                s.Write(cpu.bytes);
            }

            WriteEntry(zip, "archive/version", Encoding.ASCII.GetBytes("3\n"));
        });
    }

    private static (Stream, string) OpenStorage(ZipArchive zip, string entryName, PickleStorage storage, string path)
    {
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new WeightsFileException(path, $"storage {entryName} is missing from the archive");
        long? expected = TensorLayout.ByteCount(storage.ElementCount, storage.Type);
        if (expected != entry.Length)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"{entryName}: the archive declares {entry.Length} bytes; the pickle declares {storage.ElementCount} x {storage.Type} = "
                + $"{expected?.ToString(CultureInfo.InvariantCulture) ?? "more than 2^63"} bytes"));
        }

        return (OpenEntry(entry, path), entryName);
    }

    private static ZipArchive OpenZip(FileStream file, string path)
    {
        try
        {
            return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new WeightsFileException(path, $"not a readable zip archive (truncated or corrupt): {e.Message}", null, e);
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry, string path)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new WeightsFileException(path, $"{entry.FullName}: unreadable (corrupt archive): {e.Message}", null, e);
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
            string text = Encoding.ASCII.GetString(ReadSmall(order, path, 64)).Trim();
            if (text != "little")
            {
                throw new WeightsFileException(path, $"{order.FullName}: expected 'little'; found '{text}' (big-endian files are not supported)");
            }
        }
    }

    /// <summary>
    /// All bytes of a small entry, refused before inflating when it declares more than <paramref name="limit"/>, and
    /// when it holds more than it declares.
    /// </summary>
    private static byte[] ReadSmall(ZipArchiveEntry entry, string path, int limit)
    {
        if (entry.Length < 0 || entry.Length > limit)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"{entry.FullName}: declares {entry.Length} bytes; at most {limit} are read (a state dict's pickle is far smaller)"));
        }

        var bytes = new byte[entry.Length];
        try
        {
            using Stream s = OpenEntry(entry, path);
            s.ReadExactly(bytes);
            if (s.ReadByte() >= 0)
            {
                throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"{entry.FullName}: holds more than the {entry.Length} bytes it declares"));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new WeightsFileException(path, $"{entry.FullName}: unreadable (corrupt archive): {e.Message}", null, e);
        }

        return bytes;
    }
}
