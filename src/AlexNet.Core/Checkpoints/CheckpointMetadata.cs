using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Checkpoints;

/// <summary>The JSON part of a checkpoint (section META): everything that is not a tensor.</summary>
internal sealed class CheckpointMetadata
{
    /// <summary>How metadata is (de)serialized: snake_case names, enums as names, NaN and infinities allowed.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public string Library { get; set; } = string.Empty;

    public DateTimeOffset CreatedUtc { get; set; }

    public string ModelType { get; set; } = string.Empty;

    public string OptimizerType { get; set; } = string.Empty;

    public int Epoch { get; set; }

    public int Batch { get; set; }

    public long GlobalStep { get; set; }

    public int BatchesPerEpoch { get; set; }

    /// <summary>Images in the last training batch before the checkpoint (a full batch mid-epoch); 0 in older files.</summary>
    public long BatchSize { get; set; }

    public long Seed { get; set; }

    /// <summary>The number of processes of the run that wrote the checkpoint (1 in older files); a resume needs as many.</summary>
    public int WorldSize { get; set; } = 1;

    public bool CudaReseededPerStep { get; set; }

    public JsonNode? Options { get; set; }

    public List<HistoryEntry> History { get; set; } = new();

    public JsonObject? Schedule { get; set; }

    public Dictionary<string, JsonObject> Hooks { get; set; } = new();

    /// <summary>The "16-mixed" loss scaler's state (<c>DynamicLossScaler.SaveState</c>), or null for the other precisions.</summary>
    public JsonObject? LossScaler { get; set; }

    /// <summary>Where a resumed run continues (methods, not properties, so that they stay out of the JSON).</summary>
    public TrainingPosition ToPosition() => new(Epoch, Batch);

    /// <summary>The metrics history, as a new <see cref="MetricsHistory"/> on each call (it is mutable).</summary>
    public MetricsHistory ToHistory() => new(History.Select(h => new EpochMetrics(h.Epoch, h.GlobalStep, h.Values)));

    internal sealed class HistoryEntry
    {
        public int Epoch { get; set; }

        public long GlobalStep { get; set; }

        public Dictionary<string, double> Values { get; set; } = new();
    }
}
