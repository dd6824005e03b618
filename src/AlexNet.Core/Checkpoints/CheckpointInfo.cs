using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Checkpoints;

/// <summary>What a checkpoint says about itself, read without loading any tensor (see <see cref="CheckpointFile.ReadInfo"/>).</summary>
public sealed class CheckpointInfo
{
    internal CheckpointInfo(string path, CheckpointMetadata m)
    {
        FilePath = path;
        Library = m.Library;
        CreatedUtc = m.CreatedUtc;
        ModelType = m.ModelType;
        OptimizerType = m.OptimizerType;
        Position = m.ToPosition();
        GlobalStep = m.GlobalStep;
        Seed = m.Seed;
        OptionsJson = m.Options?.ToJsonString() ?? "{}";
        History = m.ToHistory();
        HookStateKeys = m.Hooks.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>The library that wrote it, such as "AlexNet.Core 0.1.0".</summary>
    public string Library { get; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedUtc { get; }

    /// <summary>The model's .NET type name.</summary>
    public string ModelType { get; }

    /// <summary>The optimizer's TorchSharp type name (SGD, Adam, AdamW).</summary>
    public string OptimizerType { get; }

    /// <summary>Where a resumed run continues: the next epoch and the next batch within it.</summary>
    public TrainingPosition Position { get; }

    /// <summary>Optimizer steps completed when it was written.</summary>
    public long GlobalStep { get; }

    /// <summary>The seed of the run.</summary>
    public long Seed { get; }

    /// <summary>The <c>TrainerOptions</c> of the run that wrote it, as JSON.</summary>
    internal string OptionsJson { get; }

    /// <summary>The metrics of every epoch completed when it was written.</summary>
    public MetricsHistory History { get; }

    /// <summary>The hooks whose state it holds (their <c>TrainingHook.StateKey</c>).</summary>
    internal IReadOnlyList<string> HookStateKeys { get; }
}
