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
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads the tensors in <paramref name="file"/>, the bytes of the file <paramref name="path"/> (on the CPU), in header order.</summary>
    public static Dictionary<string, Tensor> Read(byte[] file, string path)
    {
        if (file.Length < 8)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture, $"expected at least 8 bytes (the header length); found {file.Length}"), 0);
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || 8 + (long)headerLength > file.Length)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"the header length is {headerLength} bytes, but the file has {file.Length - 8} bytes after it: not a safetensors file, or truncated"), 0);
        }

        long dataStart = 8 + (long)headerLength;
        JsonObject header;
        try
        {
            header = JsonNode.Parse(new ReadOnlySpan<byte>(file, 8, (int)headerLength)) as JsonObject
                     ?? throw new WeightsFileException(path, "the header is not a JSON object", 8);
        }
        catch (JsonException e)
        {
            throw new WeightsFileException(path, $"the header is not valid JSON: {e.Message}", 8, e);
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (key, node) in header)
            {
                if (key == "__metadata__")
                {
                    continue;
                }

                result[key] = ReadTensor(file, dataStart, key, node, path);
            }
        }
        catch
        {
            TensorIO.DisposeAll(result.Values);

            throw;
        }

        return result;
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

    private static Tensor ReadTensor(byte[] file, long dataStart, string key, JsonNode? node, string path)
    {
        string? dtypeName = node?["dtype"]?.GetValue<string>();
        ScalarType type = (dtypeName is null ? null : TensorTypes.FromSafeTensorsName(dtypeName))
            ?? throw new WeightsFileException(path, $"'{key}': dtype '{dtypeName}' is not one of {string.Join(", ", TensorTypes.SafeTensorsNames)}", 8);
        long[] shape = node?["shape"] is JsonArray s ? s.Select(d => d?.GetValue<long>() ?? -1).ToArray() : Array.Empty<long>();
        if (node?["shape"] is not JsonArray || shape.Any(d => d < 0))
        {
            throw new WeightsFileException(path, $"'{key}': 'shape' is not a list of sizes", 8);
        }

        long[] offsets = node?["data_offsets"] is JsonArray o && o.Count == 2 ? o.Select(d => d?.GetValue<long>() ?? -1).ToArray() : new long[] { -1, -1 };
        long count = shape.Aggregate(1L, (a, b) => a * b);
        long expected = count * TensorTypes.ElementSize(type);
        long dataLength = file.LongLength - dataStart;
        if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength || offsets[1] - offsets[0] != expected)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"'{key}': data_offsets [{offsets[0]}, {offsets[1]}] do not hold {expected} bytes ({type} [{string.Join(", ", shape)}]) inside the {dataLength}-byte data section"),
                dataStart + Math.Max(offsets[0], 0));
        }

        Tensor tensor = empty(shape, type);
        if (count > 0)
        {
            tensor.bytes = file.AsSpan(checked((int)(dataStart + offsets[0])), checked((int)expected));
        }

        return tensor;
    }
}
