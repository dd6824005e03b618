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
/// <para>The hook deletes only numbered snapshots (<c>epoch-EEEE-step-SSSSSSSSS.ckpt</c>) in its own directory. A
/// checkpoint's list of snapshots is untrusted input: any entry that is not such a bare file name is refused with a
/// <see cref="CheckpointException"/>. A resumed run with <see cref="CheckpointOptions.KeepLast"/> at least as large as
/// the earlier run's list rotates those snapshots on; with a smaller KeepLast the earlier run's snapshots are kept, never
/// deleted, and <see cref="Warnings"/> says so (see docs/checkpoints.md).</para>
/// </remarks>
public sealed class CheckpointHook : TrainingHook, ICheckpointLocation
{
    private readonly List<string> _snapshots = new();
    private readonly List<string> _warnings = new();
    private (long Step, TrainingPosition Position)? _savedAt;
    private Exception? _failedSave;

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

    /// <summary>What the hook chose not to do and why, in order (such as keeping an earlier run's snapshots on resume).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

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
        // When the fit fails because this hook's own save failed (a full disk, a read-only folder), saving again would
        // fail the same way and turn the IOException into an AggregateException: the previous files stay as they are.
        if (Options.SaveOnException && !ReferenceEquals(exception, _failedSave))
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
    /// <exception cref="CheckpointException">
    /// The stored state has a field of the wrong type or range, or a snapshot entry that is not a bare snapshot file name.
    /// </exception>
    public override void OnLoadCheckpoint(TrainingState state, JsonObject hookState)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(hookState);
        string checkpoint = state.ResumedFrom ?? string.Empty;
        var loaded = CheckpointHookState.Read(hookState, checkpoint);
        BestValue = loaded.BestValue;
        BestEpoch = loaded.BestEpoch;
        _snapshots.Clear();
        if (loaded.Snapshots.Count <= Options.KeepLast)
        {
            _snapshots.AddRange(loaded.Snapshots.Select(name => Path.Combine(Directory, name)));
            return;
        }

        string message = string.Create(CultureInfo.InvariantCulture,
            $"CheckpointHook: the checkpoint '{checkpoint}' lists {loaded.Snapshots.Count} snapshots of the earlier run "
            + $"({string.Join(", ", loaded.Snapshots.Take(3))}{(loaded.Snapshots.Count > 3 ? ", ..." : string.Empty)}) but KeepLast is {Options.KeepLast}: "
            + $"they are kept, not deleted; only this run's snapshots rotate. Delete them yourself when they are not needed, "
            + $"or resume with KeepLast = {loaded.Snapshots.Count} or more to rotate them.");
        _warnings.Add(message);
        System.Diagnostics.Trace.TraceWarning(message);
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
        if (_savedAt is null || (!progressed && !best))
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
            ? Path.Combine(Directory, SnapshotName.Of(state.Epoch, state.GlobalStep))
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
            SaveTo(state, targets, expired);
        }

        SaveCount++;
        _savedAt = (state.GlobalStep, state.Position);
        return true;
    }

    private void SaveTo(TrainingState state, List<string> targets, string[] expired)
    {
        try
        {
            state.Trainer.SaveCheckpoint(targets[0]);
            foreach (string copy in targets.Skip(1))
            {
                AtomicFile.Copy(targets[0], copy);
            }
        }
        catch (Exception e)
        {
            _failedSave = e;
            throw;
        }

        foreach (string old in expired)
        {
            DeleteSnapshot(old);
        }
    }

    /// <summary>Deletes a snapshot this hook wrote or accepted; anything but a snapshot name in <see cref="Directory"/> is left alone.</summary>
    private void DeleteSnapshot(string path)
    {
        string folder = Path.TrimEndingDirectorySeparator(Directory);
        if (string.Equals(Path.GetDirectoryName(path), folder, StringComparison.Ordinal) && SnapshotName.IsSnapshotName(Path.GetFileName(path)))
        {
            File.Delete(path);
        }
    }
}
