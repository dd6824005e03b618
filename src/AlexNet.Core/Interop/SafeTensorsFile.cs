using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"key": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>), then the
/// raw little-endian tensor data, offsets relative to its start.
/// </summary>
internal static class SafeTensorsFile
{
    /// <summary>The largest header read, as the reference implementation allows.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Opens the safetensors file <paramref name="file"/> (<paramref name="path"/> names it in errors): the header is read
    /// and checked (every entry a dtype, a shape of sizes and two data offsets whose range holds exactly that many
    /// bytes; no duplicate key; the ranges cover the data section exactly, without overlap or gap, as the format
    /// requires); tensor data is read when asked for.
    /// </summary>
    public static WeightsFileContents Open(FileStream file, string path)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        file.Position = 0;
        int got = file.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false);
        if (got < 8)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture, $"expected at least 8 bytes (the header length); found {got}"), 0);
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > file.Length - 8)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"the header length is {headerLength} bytes, but the file has {file.Length - 8} bytes after it: not a safetensors file, or truncated"), 0);
        }

        var header = new byte[(int)headerLength];
        file.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        long dataLength = file.Length - dataStart;
        var entries = SafeTensorsHeader.Parse(header, path);
        SafeTensorsHeader.CheckCoverage(entries, dataLength, path);
        var root = new PickleDict();
        var places = new Dictionary<string, (long Begin, long End)>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var storage = new PickleStorage(entry.Key, entry.Type, entry.ElementCount);
            root.Set(entry.Key, new PickleTensor(storage, 0, entry.Shape, ContiguousStrides(entry.Shape)));
            places[entry.Key] = (entry.Begin, entry.End);
        }

        return new WeightsFileContents(path, root, "header", storage =>
        {
            var (begin, end) = places[storage.Key];
            return (new FileRangeStream(file.SafeFileHandle, dataStart + begin, end - begin), $"'{storage.Key}' (data bytes {begin} to {end})");
        }, null);
    }

    /// <summary>Writes <paramref name="state"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, Tensor>> state, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                meta[k] = v;
            }

            header["__metadata__"] = meta;
        }

        long offset = 0;
        foreach (var (key, tensor) in state)
        {
            long bytes = tensor.NumberOfElements * TensorTypes.ElementSize(tensor.dtype);
            header[key] = new JsonObject
            {
                ["dtype"] = TensorTypes.SafeTensorsName(tensor.dtype),
                ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + bytes)),
            };
            offset += bytes;
        }

        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8; // the data starts 8-byte aligned, as the Python writer does
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (int i = json.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (var (_, tensor) in state)
            {
                using Tensor cpu = tensor.detach().cpu().contiguous();
                stream.Write(cpu.bytes);
            }
        });
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride = unchecked(stride * Math.Max(shape[i], 1)); // only used when the element count fits 64 bits
        }

        return strides;
    }
}
