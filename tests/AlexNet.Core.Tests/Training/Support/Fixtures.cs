using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>The PyTorch reference values of tests/fixtures/trainer (made by make_trainer_fixtures.py).</summary>
internal static class Fixtures
{
    private static readonly Lazy<JsonObject> Reference = new(() =>
        JsonNode.Parse(File.ReadAllText(RepositoryFile.Find(Path.Combine("tests", "fixtures", "trainer", "trainer_reference.json"))))!.AsObject());

    public static JsonObject Schedules => Reference.Value["schedules"]!.AsObject();

    public static JsonObject Losses => Reference.Value["losses"]!.AsObject();

    public static JsonObject Clipping => Reference.Value["clipping"]!.AsObject();

    public static double[] Doubles(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
}
