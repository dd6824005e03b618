using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using AlexNet.Core.Checkpoints;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// An opened weights file: its pickled (or, for safetensors, equivalent) object tree with tensors as views of storages
/// not yet read, and the means to read the storages. Tensors are read only when asked for
/// (<see cref="Materialise"/>), each storage streamed straight into one tensor, only the part its views reach.
/// </summary>
internal sealed class WeightsFileContents : IDisposable
{
    private const int SkipBufferBytes = 1 << 20;
    private const long ChunkBytes = 1L << 30;

    private readonly Func<PickleStorage, (Stream Stream, string Name)> _open;
    private readonly IDisposable? _owner;

    /// <param name="path">The file, for errors.</param>
    /// <param name="root">The object the file holds.</param>
    /// <param name="rootEntry">Where the object is (an entry name), for errors.</param>
    /// <param name="open">
    /// Opens a storage's bytes (all of them, from the first), checked to be there, with a name for errors; the caller
    /// disposes the stream.
    /// </param>
    /// <param name="owner">What to dispose with this (an open archive), if anything.</param>
    public WeightsFileContents(string path, object? root, string rootEntry, Func<PickleStorage, (Stream Stream, string Name)> open, IDisposable? owner)
    {
        Path = path;
        Root = root;
        RootEntry = rootEntry;
        _open = open;
        _owner = owner;
    }

    public string Path { get; }

    public object? Root { get; }

    public string RootEntry { get; }

    /// <summary>
    /// The tensors <paramref name="tensors"/> describes, on the CPU: a tensor that covers its storage is that storage;
    /// any other is a view of the part of its storage the views reach (a stride-0 view stays 4 bytes). Each storage is
    /// read once, and only up to the last element a view uses.
    /// </summary>
    public Dictionary<string, Tensor> Materialise(IEnumerable<KeyValuePair<string, PickleTensor>> tensors)
    {
        var ranges = new Dictionary<string, (PickleStorage Storage, long First, long End)>(StringComparer.Ordinal);
        var wanted = new List<(string Key, PickleTensor Tensor, long First, long End)>();
        foreach (var (key, tensor) in tensors)
        {
            var (first, end) = TensorLayout.StorageRange(tensor, Path, key);
            wanted.Add((key, tensor, first, end));
            if (end == first)
            {
                continue;
            }

            if (!ranges.TryGetValue(tensor.Storage.Key, out var range))
            {
                range = (tensor.Storage, first, end);
            }
            else if (range.Storage != tensor.Storage)
            {
                throw new WeightsFileException(Path, $"'{key}': storage {tensor.Storage.Key} is declared twice with different types or sizes");
            }

            ranges[tensor.Storage.Key] = (range.Storage, Math.Min(range.First, first), Math.Max(range.End, end));
        }

        var storages = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (storageKey, range) in ranges)
            {
                storages[storageKey] = ReadStorage(range.Storage, range.First, range.End);
            }

            foreach (var (key, tensor, first, end) in wanted)
            {
                result[key] = end == first
                    ? empty(tensor.Size, tensor.Storage.Type)
                    : ViewOf(storages[tensor.Storage.Key], tensor, ranges[tensor.Storage.Key].First);
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

    public void Dispose() => _owner?.Dispose();

    private static Tensor ViewOf(Tensor storage, PickleTensor tensor, long storageFirst)
    {
        long offset = tensor.Offset - storageFirst;
        return offset == 0 && TensorLayout.IsContiguous(tensor) && TensorLayout.ElementCount(tensor.Size) == storage.NumberOfElements
            ? storage.view(tensor.Size)
            : storage.as_strided(tensor.Size, tensor.Stride, offset);
    }

    /// <summary>Elements [first, end) of <paramref name="storage"/>, streamed from the file into one new tensor.</summary>
    private Tensor ReadStorage(PickleStorage storage, long first, long end)
    {
        int elementSize = TensorTypes.ElementSize(storage.Type);
        var (stream, name) = _open(storage);
        using (stream)
        {
            Tensor values = empty(end - first, storage.Type);
            try
            {
                Skip(stream, first * elementSize);
                long chunk = ChunkBytes / elementSize;
                for (long start = 0; start < end - first; start += chunk)
                {
                    using Tensor part = values.narrow(0, start, Math.Min(chunk, end - first - start));
                    stream.ReadExactly(part.bytes);
                }

                return values;
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                values.Dispose();
                throw new WeightsFileException(Path, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: cannot read elements {first} to {end} of {storage.ElementCount} ({storage.Type}): {e.Message}"), null, e);
            }
            catch
            {
                values.Dispose();
                throw;
            }
        }
    }

    private static void Skip(Stream stream, long bytes)
    {
        if (stream.CanSeek)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }

        var buffer = new byte[(int)Math.Min(bytes, SkipBufferBytes)];
        while (bytes > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(bytes, buffer.Length));
            if (read == 0)
            {
                throw new EndOfStreamException("the storage ends early");
            }

            bytes -= read;
        }
    }
}
