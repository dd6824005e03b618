using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Training;
using AlexNet.Data.Loading;

namespace AlexNet.Core.Tests.Architecture;

/// <summary>
/// Pins the layering of docs/architecture.md ("Namespaces"): the namespaces of AlexNet.Core and AlexNet.Data form no
/// cycle, and each depends only on the namespaces its row of <see cref="Allowed"/> lists.
/// </summary>
public class NamespaceDependencyTests
{
    private const string Abstractions = "AlexNet.Core.Abstractions";
    private const string Validation = "AlexNet.Core.Validation";
    private const string IO = "AlexNet.Core.IO";
    private const string Metrics = "AlexNet.Core.Metrics";
    private const string Onnx = "AlexNet.Core.Onnx";
    private const string Models = "AlexNet.Core.Models";
    private const string ModelWeights = "AlexNet.Core.Models.Weights";
    private const string Checkpoints = "AlexNet.Core.Checkpoints";
    private const string Optimization = "AlexNet.Core.Optimization";
    private const string Schedules = "AlexNet.Core.Schedules";
    private const string Precision = "AlexNet.Core.Precision";
    private const string Training = "AlexNet.Core.Training";
    private const string Hooks = "AlexNet.Core.Training.Hooks";
    private const string DependencyInjection = "AlexNet.Core.DependencyInjection";
    private const string Interop = "AlexNet.Core.Interop";
    private const string Diagnostics = "AlexNet.Core.Diagnostics";
    private const string Distributed = "AlexNet.Core.Distributed";
    private const string Datasets = "AlexNet.Data.Datasets";
    private const string Transforms = "AlexNet.Data.Transforms";
    private const string Loading = "AlexNet.Data.Loading";
    private const string Images = "AlexNet.Data.Images";

    /// <summary>The layering: each namespace and the namespaces it may use (the table in docs/architecture.md).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Abstractions] = Array.Empty<string>(),
        [Validation] = new[] { Abstractions },
        [IO] = Array.Empty<string>(),
        [Diagnostics] = Array.Empty<string>(),
        [Metrics] = Array.Empty<string>(),
        [Distributed] = Array.Empty<string>(),
        [Onnx] = Array.Empty<string>(),
        [Models] = new[] { Abstractions, Validation, Onnx },
        [ModelWeights] = new[] { Abstractions, Models },
        [Checkpoints] = new[] { Abstractions, IO, Metrics },
        [Optimization] = new[] { Validation },
        [Schedules] = new[] { Validation, Metrics },
        [Precision] = new[] { Abstractions, Models },
        [Interop] = new[] { Abstractions, Validation, IO, Models, ModelWeights, Checkpoints, Onnx },
        [Training] = new[] { Abstractions, Validation, Metrics, Checkpoints, Optimization, Schedules, Precision, Distributed },
        [Hooks] = new[] { Abstractions, Validation, IO, Metrics, Checkpoints, Optimization, Schedules, Precision, Training },
        [DependencyInjection] = new[] { Validation, Checkpoints, Training, Hooks },
        [Datasets] = new[] { Abstractions, Validation, IO, ModelWeights },
        [Transforms] = new[] { Abstractions, Validation, ModelWeights, Datasets },
        [Loading] = new[] { Abstractions, Validation, ModelWeights, Datasets, Transforms },
        [Images] = new[] { Abstractions, Validation, IO, ModelWeights, Datasets, Transforms, Loading },
    };

    private static readonly Lazy<NamespaceGraph> Graph = new(() =>
        NamespaceGraph.Of(typeof(Trainer).Assembly, typeof(DataLoader).Assembly));

    [Fact]
    public void The_namespaces_of_both_libraries_form_no_cycle()
    {
        string? cycle = Graph.Value.FindCycle();

        cycle.Should().BeNull("a namespace cycle makes the layers inseparable; the graph is{0}{1}", Environment.NewLine, Graph.Value.Describe());
    }

    [Fact]
    public void Every_namespace_uses_only_the_namespaces_its_layer_allows()
    {
        var offending = Graph.Value.Edges
            .Where(e => !Allowed.TryGetValue(e.Key.From, out var allowed) || !allowed.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({e.Value})")
            .Order(StringComparer.Ordinal)
            .ToList();

        offending.Should().BeEmpty("docs/architecture.md allows only its table's dependencies; the graph is{0}{1}", Environment.NewLine, Graph.Value.Describe());
    }

    [Fact]
    public void Every_namespace_of_both_libraries_has_a_row_in_the_layering()
    {
        Graph.Value.Namespaces.Should().BeSubsetOf(Allowed.Keys, "a new namespace needs its place in docs/architecture.md and in this table");
    }

    [Fact]
    public void The_graph_sees_dependencies_that_only_a_method_body_makes()
    {
        var graph = NamespaceGraph.Of(new[] { typeof(BodyOnly.UsesDeviceSpecInItsBodyOnly) });

        graph.Edges.Keys.Should().Equal(("AlexNet.Core.Tests.Architecture.BodyOnly", Abstractions));
        graph.Edges.Values.Single().Should().Contain("body");
    }

    [Fact]
    public void The_graph_sees_the_seam_between_the_libraries()
    {
        Graph.Value.Edges.Keys.Should().Contain((Loading, Abstractions), $"{nameof(DataLoader)} implements {nameof(IBatchSource)}");
    }
}
