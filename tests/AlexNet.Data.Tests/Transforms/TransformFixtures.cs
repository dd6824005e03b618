using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>
/// The torchvision 0.14 reference cases in tests/fixtures/transforms/transforms_fixtures.json (made by
/// make_transforms_fixtures.py beside it).
/// </summary>
internal static class TransformFixtures
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(RepositoryFile.Find(Path.Combine("tests", "fixtures", "transforms", "transforms_fixtures.json")))));

    public static JsonElement Case(string name) => Document.Value.RootElement.GetProperty("cases").GetProperty(name);

    /// <summary>A tensor stored as {shape, dtype, data}; float32 values are parsed as float32, exactly as written.</summary>
    public static Tensor Tensor(this JsonElement c, string key)
    {
        JsonElement t = c.GetProperty(key);
        long[] shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        JsonElement data = t.GetProperty("data");
        return t.GetProperty("dtype").GetString() switch
        {
            "uint8" => tensor(data.EnumerateArray().Select(e => e.GetByte()).ToArray(), shape),
            "float32" => tensor(data.EnumerateArray().Select(e => e.GetSingle()).ToArray(), shape),
            "int64" => tensor(data.EnumerateArray().Select(e => e.GetInt64()).ToArray(), shape),
            "bool" => tensor(data.EnumerateArray().Select(e => e.GetInt32() != 0).ToArray(), shape),
            string other => throw new InvalidDataException($"unknown fixture dtype {other}"),
            null => throw new InvalidDataException("fixture dtype missing"),
        };
    }

    public static int[] Ints(this JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static float[] Floats(this JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetSingle()).ToArray();

    /// <summary>Asserts same shape, same dtype and bitwise-equal values.</summary>
    public static void ShouldEqualExactly(this Tensor actual, Tensor expected)
    {
        actual.shape.Should().Equal(expected.shape);
        actual.dtype.Should().Be(expected.dtype);
        using Tensor equal = actual.eq(expected).all();
        using Tensor difference = actual.to(ScalarType.Float64).sub(expected.to(ScalarType.Float64)).abs().max();
        equal.item<bool>().Should().BeTrue($"values must be equal (largest difference {difference.item<double>()})");
    }

    /// <summary>Asserts same shape and dtype and every value within <paramref name="tolerance"/> (absolute).</summary>
    public static void ShouldBeWithin(this Tensor actual, Tensor expected, double tolerance)
    {
        actual.shape.Should().Equal(expected.shape);
        actual.dtype.Should().Be(expected.dtype);
        using Tensor difference = actual.to(ScalarType.Float64).sub(expected.to(ScalarType.Float64)).abs().max();
        difference.item<double>().Should().BeLessThanOrEqualTo(tolerance);
    }
}
