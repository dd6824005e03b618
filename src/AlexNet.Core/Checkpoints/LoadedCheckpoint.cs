using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace AlexNet.Core.Checkpoints;

/// <summary>The parts of a checkpoint the trainer applies when the next fit starts (CPU tensors it owns).</summary>
internal sealed class LoadedCheckpoint : IDisposable
{
    public LoadedCheckpoint(string path, CheckpointMetadata metadata, Tensor? cpuRngState, Dictionary<string, Tensor> accumulatorState)
    {
        Path = path;
        Metadata = metadata;
        CpuRngState = cpuRngState;
        AccumulatorState = accumulatorState;
    }

    public string Path { get; }

    public CheckpointMetadata Metadata { get; }

    public Tensor? CpuRngState { get; }

    public Dictionary<string, Tensor> AccumulatorState { get; }

    public void Dispose()
    {
        CpuRngState?.Dispose();
        TensorIO.DisposeAll(AccumulatorState.Values);
    }
}
