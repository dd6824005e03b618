using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Checkpoints;

/// <summary>What the trainer hands to <see cref="CheckpointWriter"/>: references, not copies.</summary>
internal sealed class CheckpointContent
{
    public required CheckpointMetadata Metadata { get; init; }

    public required IReadOnlyList<(string Name, Tensor Value)> ModelState { get; init; }

    public required OptimizerHelper Optimizer { get; init; }

    public Tensor? CpuRngState { get; init; }

    public required IReadOnlyList<(string Name, Tensor Value)> AccumulatorState { get; init; }
}
