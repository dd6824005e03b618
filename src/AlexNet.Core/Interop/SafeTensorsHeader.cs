using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// The JSON header of a safetensors file, checked entry by entry as the format's reference implementation does:
/// <c>{"key": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>.
/// </summary>
internal static class SafeTensorsHeader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One tensor's entry: its element type, shape, element count and byte range in the data section.</summary>
    internal sealed record Entry(string Key, ScalarType Type, long[] Shape, long ElementCount, long Begin, long End);

    /// <summary>
    /// The entries of <paramref name="header"/> (UTF-8 JSON), in header order; every malformed field is a
    /// <see cref="WeightsFileException"/>.
    /// </summary>
    public static List<Entry> Parse(byte[] header, string path)
    {
        JsonDocument document;
        try
        {
            Strict.GetCharCount(header); // names are read as strings later: invalid UTF-8 is refused here, once
            document = JsonDocument.Parse(header);
        }
        catch (DecoderFallbackException e)
        {
            throw new WeightsFileException(path, $"the header is not valid UTF-8: {e.Message}", 8, e);
        }
        catch (JsonException e)
        {
            throw new WeightsFileException(path, $"the header is not valid JSON: {e.Message}", 8, e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeightsFileException(path, "the header is not a JSON object", 8);
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!keys.Add(property.Name))
                {
                    throw new WeightsFileException(path, $"the header names '{property.Name}' twice", 8);
                }

                if (property.Name != "__metadata__")
                {
                    entries.Add(ParseEntry(property.Name, property.Value, path));
                }
            }

            return entries;
        }
    }

    /// <summary>Checks that the entries' ranges cover the <paramref name="dataLength"/>-byte data section exactly: no overlap, no gap, nothing after.</summary>
    public static void CheckCoverage(List<Entry> entries, long dataLength, string path)
    {
        long covered = 0;
        foreach (Entry entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != covered)
            {
                string relation = entry.Begin < covered ? "overlap the tensor before it" : "leave a gap after the tensor before it";
                throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                    $"'{entry.Key}': data_offsets [{entry.Begin}, {entry.End}] {relation}, which ends at {covered} "
                    + $"(the format requires the tensors to cover the data section in order, without overlap or gap)"), 8);
            }

            covered = entry.End;
        }

        if (covered != dataLength)
        {
            throw new WeightsFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"the tensors cover {covered} bytes of the {dataLength}-byte data section (truncated, or bytes the header does not describe)"), 8 + covered);
        }
    }

    private static Entry ParseEntry(string key, JsonElement node, string path)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, key, $"expected an object with dtype, shape and data_offsets; found {Describe(node)}");
        }

        string? dtypeName = node.TryGetProperty("dtype", out JsonElement dtype) && dtype.ValueKind == JsonValueKind.String ? dtype.GetString() : null;
        ScalarType type = (dtypeName is null ? null : TensorTypes.FromSafeTensorsName(dtypeName))
            ?? throw Invalid(path, key,
                $"dtype {(dtypeName is null ? Describe(dtype) : $"'{dtypeName}'")} is not one of {string.Join(", ", TensorTypes.SafeTensorsNames)}");
        long[] shape = Integers(node, "shape", path, key, null);
        long[] offsets = Integers(node, "data_offsets", path, key, 2);
        long? count = TensorLayout.ElementCount(shape);
        long? bytes = count is null ? null : TensorLayout.ByteCount(count.Value, type);
        if (bytes is null)
        {
            throw Invalid(path, key, $"{type} {TensorLayout.Format(shape)}: the element count or byte size overflows 64 bits");
        }

        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes)
        {
            throw Invalid(path, key, string.Create(CultureInfo.InvariantCulture,
                $"data_offsets [{offsets[0]}, {offsets[1]}] do not hold {bytes} bytes ({type} {TensorLayout.Format(shape)})"));
        }

        return new Entry(key, type, shape, count!.Value, offsets[0], offsets[1]);
    }

    /// <summary>The field <paramref name="name"/>: a list of non-negative integers (of <paramref name="length"/> items, when given).</summary>
    private static long[] Integers(JsonElement node, string name, string path, string key, int? length)
    {
        if (!node.TryGetProperty(name, out JsonElement list) || list.ValueKind != JsonValueKind.Array
            || (length is { } n && list.GetArrayLength() != n) || list.GetArrayLength() > TensorLayout.MaxDimensions)
        {
            string count = length is { } m ? m.ToString(CultureInfo.InvariantCulture) + " " : string.Empty;
            throw Invalid(path, key, $"'{name}' is {(list.ValueKind == JsonValueKind.Undefined ? "missing" : Describe(list))}, not a list of {count}integers");
        }

        var values = new long[list.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[i]) || values[i] < 0)
            {
                throw Invalid(path, key, $"'{name}' holds {Describe(item)}, not a non-negative 64-bit integer");
            }

            i++;
        }

        return values;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        _ => $"{value.ValueKind.ToString().ToLowerInvariant()} {Truncate(value.GetRawText())}",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static WeightsFileException Invalid(string path, string key, string problem) => new(path, $"'{key}': {problem}", 8);
}
