using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using AlexNet.Core.Metrics;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Writes checkpoints into a directory: <c>last.ckpt</c> (the newest state) and <c>best.ckpt</c> (the best epoch by
/// a monitored metric), optionally numbered snapshots (keep N), every N epochs and/or every N steps, and
/// <c>last.ckpt</c> again when training fails or is cancelled. Every file is written atomically.
/// </summary>
/// <remarks>
/// <para>A state whose running training loss is NaN or infinite is never written: the previous files are kept.</para>
/// <para>Resume with <c>trainer.Resume("last")</c> or <c>trainer.Resume("best")</c>; the trainer finds the directory
/// through this hook.</para>
/// </remarks>
public sealed class CheckpointHook : TrainingHook, ICheckpointLocation
{
    private readonly List<string> _snapshots = new();
    private (long Step, TrainingPosition Position)? _savedAt;

    /// <summary>Checkpoints into <paramref name="directory"/> with the default options (last every epoch, best by val_loss).</summary>
    public CheckpointHook(string directory)
        : this(new CheckpointOptions { Directory = directory })
    {
    }

    /// <summary>Checkpoints as <paramref name="options"/> say.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range or the directory is empty.</exception>
    public CheckpointHook(CheckpointOptions options)
    {
        OptionsValidation.ThrowIfInvalid(new CheckpointOptionsValidator(), options);
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            throw new ArgumentException("CheckpointOptions.Directory must name a directory; got an empty string.", nameof(options));
        }

        Options = options;
        Directory = Path.GetFullPath(options.Directory);
    }

    /// <summary>The options.</summary>
    internal CheckpointOptions Options { get; }

    /// <summary>The checkpoint directory (full path).</summary>
    public string Directory { get; }

    /// <summary>Path of <c>last.ckpt</c>.</summary>
    public string LastPath => Path.Combine(Directory, CheckpointFile.LastFileName);

    /// <summary>Path of <c>best.ckpt</c>.</summary>
    public string BestPath => Path.Combine(Directory, CheckpointFile.BestFileName);

    /// <summary>The best value of the monitored metric so far, or null.</summary>
    public double? BestValue { get; private set; }

    /// <summary>The epoch (0-based) of <see cref="BestValue"/>, or null.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The numbered snapshots kept, oldest first.</summary>
    internal IReadOnlyList<string> Snapshots => _snapshots;

    /// <summary>Number of checkpoint states written by this hook in this process (a state copied to several files counts once).</summary>
    internal int SaveCount { get; private set; }

    /// <summary>Number of save points skipped because the running training loss was not finite.</summary>
    internal int SkippedNonFinite { get; private set; }

    /// <inheritdoc />
    public override void OnFitStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (MetricNames.IsValidation(Options.Monitor) && !state.HasValidation)
        {
            throw new InvalidOperationException(
                $"CheckpointHook monitors \"{Options.Monitor}\", a validation metric, but Fit was called without a validation source. " +
                "Pass one, set CheckpointOptions.Monitor to a train_* metric, or set it to an empty string to keep last.ckpt only.");
        }

        if (state.IsGlobalZero)
        {
            System.IO.Directory.CreateDirectory(Directory);
            AtomicFile.DeleteStaleTemporaryFiles(Directory);
        }

        _savedAt = (state.GlobalStep, state.Position);
    }

    /// <inheritdoc />
    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Options.EverySteps > 0 && state.GlobalStep % Options.EverySteps == 0)
        {
            _ = Save(state, snapshot: true, best: false);
        }

        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (previousValue, previousEpoch) = (BestValue, BestEpoch);
        bool improved = UpdateBest(state);
        bool due = Options.EveryEpochs > 0 && (state.Epoch + 1) % Options.EveryEpochs == 0;
        if ((due || improved) && !Save(state, snapshot: due, best: improved) && improved)
        {
            (BestValue, BestEpoch) = (previousValue, previousEpoch);
        }

        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override void OnFitEnd(TrainingState state) => _ = Save(state, snapshot: false, best: false);

    /// <inheritdoc />
    public override void OnException(TrainingState state, Exception exception)
    {
        if (Options.SaveOnException)
        {
            _ = Save(state, snapshot: false, best: false);
        }
    }

    /// <inheritdoc />
    public override JsonObject? OnSaveCheckpoint(TrainingState state) => new()
    {
        ["best_value"] = BestValue,
        ["best_epoch"] = BestEpoch,
        ["snapshots"] = new JsonArray(_snapshots.Select(s => (JsonNode?)JsonValue.Create(Path.GetFileName(s))).ToArray()),
    };

    /// <inheritdoc />
    public override void OnLoadCheckpoint(TrainingState state, JsonObject hookState)
    {
        ArgumentNullException.ThrowIfNull(hookState);
        BestValue = hookState["best_value"]?.GetValue<double>();
        BestEpoch = hookState["best_epoch"]?.GetValue<int>();
        _snapshots.Clear();
        if (hookState["snapshots"] is JsonArray names)
        {
            _snapshots.AddRange(names.Select(n => Path.Combine(Directory, n!.GetValue<string>())));
        }
    }

    private bool UpdateBest(TrainingState state)
    {
        if (string.IsNullOrEmpty(Options.Monitor) || state.History.Last?[Options.Monitor] is not double value || !double.IsFinite(value))
        {
            return false;
        }

        bool better = BestValue is not double best || Options.Mode.Improves(value, best);
        if (better)
        {
            BestValue = value;
            BestEpoch = state.Epoch;
        }

        return better;
    }

    /// <summary>Writes the state to every target; false when nothing was written. A <paramref name="best"/> save is written even when the run has not moved since the last save.</summary>
    private bool Save(TrainingState state, bool snapshot, bool best)
    {
        bool progressed = !_savedAt.Equals((state.GlobalStep, state.Position));
        if (!progressed && !best)
        {
            return false;
        }

        var running = state.CurrentTrainMetrics();
        if (running.NonFiniteLossBatches > 0)
        {
            SkippedNonFinite++;
            return false;
        }

        string? snapshotPath = snapshot && Options.KeepLast > 0
            ? Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"epoch-{state.Epoch:D4}-step-{state.GlobalStep:D9}{CheckpointFile.Extension}"))
            : null;
        var targets = new List<string>();
        if (Options.SaveLast)
        {
            targets.Add(LastPath);
        }

        if (snapshotPath is not null)
        {
            _snapshots.Remove(snapshotPath);
            _snapshots.Add(snapshotPath);
            targets.Add(snapshotPath);
        }

        if (best)
        {
            targets.Add(BestPath);
        }

        if (targets.Count == 0)
        {
            return false;
        }

        var expired = _snapshots.Take(Math.Max(0, _snapshots.Count - Options.KeepLast)).ToArray();
        _snapshots.RemoveRange(0, expired.Length);
        if (state.IsGlobalZero) // the other ranks of a distributed run keep the same bookkeeping and write nothing
        {
            state.Trainer.SaveCheckpoint(targets[0]);
            foreach (string copy in targets.Skip(1))
            {
                AtomicFile.Copy(targets[0], copy);
            }

            foreach (string old in expired)
            {
                File.Delete(old);
            }
        }

        SaveCount++;
        _savedAt = (state.GlobalStep, state.Position);
        return true;
    }
}
