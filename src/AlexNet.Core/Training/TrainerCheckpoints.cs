using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Checkpoints;

namespace AlexNet.Core.Training;

/// <summary>
/// Writes the trainer's checkpoints (<see cref="Trainer.SaveCheckpoint"/>) and loads one to resume from
/// (<see cref="Trainer.Resume"/>); what is applied only when the next fit starts stays in
/// <see cref="TrainerContext.PendingResume"/> until then.
/// </summary>
internal sealed class TrainerCheckpoints
{
    private readonly TrainerContext _context;

    /// <summary>Creates the checkpoint part over the trainer's shared parts.</summary>
    public TrainerCheckpoints(TrainerContext context)
    {
        _context = context;
    }

    /// <summary>Writes everything needed to resume exactly to <paramref name="path"/>, atomically; only on the global-zero process.</summary>
    public void Save(string path)
    {
        var context = _context;
        var state = context.State;
        if (!state.IsGlobalZero)
        {
            return;
        }

        var pending = context.PendingResume;
        var model = context.Model;
        var optimizer = context.Optimizer.Optimizer;
        using var rng = pending?.CpuRngState is null ? Reproducibility.CaptureCpuState() : null;
        var metadata = new CheckpointMetadata
        {
            Library = $"AlexNet.Core {typeof(Trainer).Assembly.GetName().Version}",
            CreatedUtc = DateTimeOffset.UtcNow,
            ModelType = model.GetType().FullName ?? model.GetType().Name,
            OptimizerType = optimizer.GetType().Name,
            Epoch = state.Position.Epoch,
            Batch = state.Position.Batch,
            GlobalStep = state.GlobalStep,
            BatchesPerEpoch = state.BatchesPerEpoch,
            BatchSize = state.BatchSize,
            Seed = context.Options.Seed,
            WorldSize = context.Strategy.WorldSize,
            CudaReseededPerStep = context.ReseedCudaPerStep,
            Options = JsonSerializer.SerializeToNode(context.Options, CheckpointMetadata.JsonOptions),
            History = state.History.Select(e => new CheckpointMetadata.HistoryEntry
            {
                Epoch = e.Epoch,
                GlobalStep = e.GlobalStep,
                Values = e.Values.ToDictionary(kv => kv.Key, kv => kv.Value),
            }).ToList(),
            Schedule = pending?.Metadata.Schedule ?? context.Schedule?.SaveState(),
            Hooks = CollectHookStates(),
            LossScaler = context.Precision.LossScaler?.SaveState(),
        };
        var content = new CheckpointContent
        {
            Metadata = metadata,
            ModelState = model.state_dict().Select(kv => (kv.Key, kv.Value)).ToList(),
            Optimizer = optimizer,
            CpuRngState = pending?.CpuRngState ?? rng,
            AccumulatorState = pending is null
                ? context.TrainSums.StateTensors()
                    .Concat(context.Accumulation.StateTensors(state.Position, context.Parameters))
                    .Concat(context.Ema.StateTensors()).ToList()
                : pending.AccumulatorState.Select(kv => (kv.Key, kv.Value)).ToList(),
        };
        CheckpointWriter.Write(path, content);
    }

    /// <summary>Loads the checkpoint <paramref name="which"/> names: weights and optimizer state now, the rest at the next fit's start.</summary>
    public CheckpointInfo Resume(string which, string? directory)
    {
        var context = _context;
        directory ??= context.Hooks.Hooks.OfType<ICheckpointLocation>().FirstOrDefault()?.Directory;
        string path = CheckpointFile.Resolve(which, directory);
        ThrowIfOtherWorldSize(path, CheckpointReader.ReadMetadata(path).WorldSize);
        var loaded = CheckpointReader.Load(path, context.Model, context.Optimizer.Optimizer);
        context.PendingResume?.Dispose();
        context.PendingResume = loaded;
        var metadata = loaded.Metadata;
        var state = context.State;
        state.Position = metadata.ToPosition();
        state.GlobalStep = metadata.GlobalStep;
        state.History = metadata.ToHistory();
        state.ResumedFrom = path;
        if (context.Precision.LossScaler is { } scaler && metadata.LossScaler is { } scalerState)
        {
            try
            {
                scaler.LoadState(scalerState);
            }
            catch (Exception e) when (ResumeApplication.IsMalformedState(e))
            {
                throw new CheckpointException(path, $"the stored loss scaler state cannot be applied: {CheckpointText.Printable(e.Message)}", null, e);
            }
        }

        state.LearningRate = context.Optimizer.CurrentLearningRate;
        return new CheckpointInfo(path, metadata);
    }

    /// <summary>A checkpoint resumes exactly only on as many processes as wrote it: each process's shard of an epoch depends on the count.</summary>
    private void ThrowIfOtherWorldSize(string path, int writtenBy)
    {
        int worldSize = _context.Strategy.WorldSize;
        if (writtenBy != worldSize)
        {
            throw new InvalidOperationException(
                $"The checkpoint {path} was written by a run on {writtenBy} process(es); this run has {worldSize}. "
                + $"Resume it on {writtenBy} process(es) (mpirun -np {writtenBy}), "
                + "or start a new run from its weights (CheckpointFile.LoadModelWeights) without resuming.");
        }
    }

    private Dictionary<string, JsonObject> CollectHookStates()
    {
        var states = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (hook, key) in _context.Hooks.WithStateKeys())
        {
            if (hook.OnSaveCheckpoint(_context.State) is { } hookState)
            {
                states[key] = hookState;
            }
        }

        return states;
    }
}
