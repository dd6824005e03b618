using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// Writes everything needed to resume exactly to <paramref name="path"/>, atomically: model weights and buffers,
    /// optimizer and schedule state, position (epoch, batch), global step, the CPU random generator's state, the
    /// running metric sums of the current epoch, the metrics history, every hook's state, and the options.
    /// </summary>
    /// <remarks>
    /// Hooks are asked for their state (<see cref="TrainingHook.OnSaveCheckpoint"/>) during the call. The file is
    /// written to a temporary file in the same directory, flushed to disk and renamed over
    /// <paramref name="path"/>: killing the process at any moment leaves the previous file intact.
    /// </remarks>
    public void SaveCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var state = State;
        using var rng = _pendingResume?.CpuRngState is null ? Reproducibility.CaptureCpuState() : null;
        var metadata = new CheckpointMetadata
        {
            Library = $"AlexNet.Core {typeof(Trainer).Assembly.GetName().Version}",
            CreatedUtc = DateTimeOffset.UtcNow,
            ModelType = Model.GetType().FullName ?? Model.GetType().Name,
            OptimizerType = _optimizer.GetType().Name,
            Epoch = state.Position.Epoch,
            Batch = state.Position.Batch,
            GlobalStep = state.GlobalStep,
            BatchesPerEpoch = state.BatchesPerEpoch,
            BatchSize = state.BatchSize,
            Seed = Options.Seed,
            CudaReseededPerStep = _reseedCudaPerStep,
            Options = JsonSerializer.SerializeToNode(Options, CheckpointMetadata.JsonOptions),
            History = state.History.Select(e => new CheckpointMetadata.HistoryEntry
            {
                Epoch = e.Epoch,
                GlobalStep = e.GlobalStep,
                Values = e.Values.ToDictionary(kv => kv.Key, kv => kv.Value),
            }).ToList(),
            Schedule = _pendingResume?.Metadata.Schedule ?? _schedule?.SaveState(),
            Hooks = CollectHookStates(),
            LossScaler = _lossScaler?.SaveState(),
        };
        var content = new CheckpointContent
        {
            Metadata = metadata,
            ModelState = Model.state_dict().Select(kv => (kv.Key, kv.Value)).ToList(),
            Optimizer = _optimizer,
            CpuRngState = _pendingResume?.CpuRngState ?? rng,
            AccumulatorState = _pendingResume is null ? _trainSums.StateTensors() : _pendingResume.AccumulatorState.Select(kv => (kv.Key, kv.Value)).ToList(),
        };
        CheckpointWriter.Write(path, content);
    }

    /// <summary>
    /// Loads a checkpoint so that the next <see cref="Fit"/> continues exactly where it was written: "last" or
    /// "best" (in <paramref name="directory"/>, by default the directory of the first <see cref="ICheckpointLocation"/> hook, such as <c>CheckpointHook</c>, in
    /// <see cref="Hooks"/>) or a file path.
    /// </summary>
    /// <remarks>
    /// Weights and optimizer state are loaded now; the random generator state, schedule state, metric sums and hook
    /// states are applied when the next fit starts (hooks receive theirs through
    /// <see cref="TrainingHook.OnLoadCheckpoint"/>, before <see cref="TrainingHook.OnFitStart"/>). The optimizer's
    /// hyper-parameters come from the checkpoint, as in PyTorch; the schedule then sets the learning rate for the
    /// position. The checkpoint is checked against this trainer's model before any weight is copied.
    /// </remarks>
    /// <returns>What the checkpoint says about itself.</returns>
    /// <exception cref="CheckpointException">The file is missing, corrupt, foreign, or made for another model or optimizer.</exception>
    /// <exception cref="ArgumentException">"last" or "best" with no directory to look in.</exception>
    public CheckpointInfo Resume(string which, string? directory = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        directory ??= _hooks.OfType<ICheckpointLocation>().FirstOrDefault()?.Directory;
        string path = CheckpointFile.Resolve(which, directory);
        var loaded = CheckpointReader.Load(path, Model, _optimizer);
        _pendingResume?.Dispose();
        _pendingResume = loaded;
        var metadata = loaded.Metadata;
        var state = State;
        state.Position = metadata.ToPosition();
        state.GlobalStep = metadata.GlobalStep;
        state.History = metadata.ToHistory();
        state.ResumedFrom = path;
        if (_lossScaler is not null && metadata.LossScaler is { } scalerState)
        {
            _lossScaler.LoadState(scalerState);
        }

        state.LearningRate = CurrentLearningRate();
        return new CheckpointInfo(path, metadata);
    }

    private Dictionary<string, JsonObject> CollectHookStates()
    {
        var states = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (hook, key) in HooksWithKeys())
        {
            if (hook.OnSaveCheckpoint(State) is { } hookState)
            {
                states[key] = hookState;
            }
        }

        return states;
    }

    /// <summary>Each hook with its unique state key: the second hook with the same key gets "#2", and so on.</summary>
    private IEnumerable<(TrainingHook Hook, string Key)> HooksWithKeys()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hook in _hooks)
        {
            string key = hook.StateKey;
            int count = seen.TryGetValue(key, out int c) ? c + 1 : 1;
            seen[key] = count;
            yield return (hook, count == 1 ? key : $"{key}#{count}");
        }
    }
}
