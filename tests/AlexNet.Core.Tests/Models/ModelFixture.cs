using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>
/// tests/fixtures/models/model_fixtures.json, written by make_model_fixtures.py with PyTorch 1.13 / torchvision 0.14,
/// and the value rule it shares with the tests.
/// </summary>
internal static class ModelFixture
{
    private static readonly Lazy<FixtureFile> File = new(Load);

    public static FixtureFile Data => File.Value;

    public static ParityCase Case(string name) => Data.Cases.Single(c => c.Name == name);

    /// <summary>
    /// value[j] = offset + scale * sin(0.37 * m + 0.00123 * m * m + phase), m = j mod 65521, in float64, rounded to
    /// float32: the rule the fixture script fills weights and inputs with.
    /// </summary>
    public static Tensor Rule(long[] shape, double phase, double scale, double offset)
    {
        using var scope = NewDisposeScope();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        Tensor m = arange(count, dtype: float64).remainder_(65521.0);
        Tensor angle = m.mul(0.37).add_(m.mul(m).mul_(0.00123)).add_(phase);
        return angle.sin_().mul_(scale).add_(offset).to(float32).reshape(shape).MoveToOuterDisposeScope();
    }

    public static Tensor Rule(RuleSource source) => Rule(source.Shape, source.Phase, source.Scale, source.Offset);

    private static FixtureFile Load()
    {
        string path = RepositoryFile.Find(Path.Combine("tests", "fixtures", "models", "model_fixtures.json"));
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter() },
        };
        return JsonSerializer.Deserialize<FixtureFile>(System.IO.File.ReadAllText(path), options)
               ?? throw new InvalidDataException($"{path} holds no fixture");
    }
}

internal sealed record FixtureFile(string Generator, string Torch, string Torchvision, string Rule, List<ParityCase> Cases, LrnCase Lrn);

internal sealed record RuleSource(long[] Shape, double Phase, double Scale, double Offset);

internal sealed record TensorRule(string Key, long[] Shape, double Phase, double Scale, double Offset, bool Skip);

internal sealed record ParityCase(
    string Name,
    Variant Variant,
    int NumClasses,
    [property: JsonPropertyName("options")] JsonElement OptionsJson,
    bool Training,
    RuleSource Input,
    List<TensorRule> Tensors,
    long[] OutputShape,
    float[] Output)
{
    /// <summary>
    /// The case's options. The fixture writes them flat: property names are <see cref="AlexNetOptions"/>'s and
    /// <see cref="ReproductionOptions"/>'s, so the <see cref="AlexNetOptions.Reproduction"/> section is read from the same object.
    /// </summary>
    [JsonIgnore]
    public AlexNetOptions Options
    {
        get
        {
            var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
            JsonObject nested = JsonNode.Parse(OptionsJson.GetRawText())!.AsObject();
            nested[nameof(AlexNetOptions.Reproduction)] = JsonNode.Parse(OptionsJson.GetRawText());
            return nested.Deserialize<AlexNetOptions>(json)!;
        }
    }
}

internal sealed record LrnCase(RuleSource Input, int Size, double Alpha, double Beta, double K, float[] Paper, float[] PytorchConvention);
