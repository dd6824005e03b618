using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Checkpoints;

/// <summary>
/// The snapshot names a checkpoint lists are untrusted: a re-sealed file naming a path outside the checkpoint folder is
/// refused and nothing is deleted; a resume with a smaller KeepLast keeps the earlier run's snapshots and says so.
/// </summary>
public class SnapshotTamperingTests : IDisposable
{
    private static readonly string HookKey = typeof(CheckpointHook).FullName!;
    private readonly TempDirectory _root = new();

    private string Folder => Path.Combine(_root.Path, "run");

    [Fact]
    public void A_snapshot_name_climbing_out_of_the_folder_is_refused_and_the_file_it_names_survives()
    {
        string victim = _root.File("victim");
        File.WriteAllText(victim, "user data");
        Train(epochs: 1, keepLast: 1);
        ListSnapshots("../victim");

        var act = () => ResumeAndTrain(epochs: 3, keepLast: 1);

        act.Should().Throw<CheckpointException>()
            .WithMessage(
                "*CheckpointHook state, field \"snapshots[0]\": expected a bare file name of the form epoch-EEEE-step-SSSSSSSSS.ckpt*found \"../victim\".");
        File.Exists(victim).Should().BeTrue();
    }

    [Fact]
    public void An_absolute_snapshot_path_is_refused_and_the_file_it_names_survives()
    {
        string victim = _root.File("victim.ckpt");
        File.WriteAllText(victim, "user data");
        Train(epochs: 1, keepLast: 1);
        ListSnapshots(victim);

        var act = () => ResumeAndTrain(epochs: 3, keepLast: 1);

        act.Should().Throw<CheckpointException>().WithMessage($"*snapshots[0]*found \"{victim}\".")
            .Which.FilePath.Should().Be(Path.Combine(Folder, "last.ckpt"));
        File.Exists(victim).Should().BeTrue();
    }

    [Theory]
    [InlineData("last.ckpt")]
    [InlineData("epoch-0000-step-000000002.ckpt/../../victim")]
    [InlineData("..")]
    [InlineData("")]
    public void Names_outside_the_hooks_own_pattern_are_refused(string name)
    {
        Train(epochs: 1, keepLast: 1);
        ListSnapshots(name);

        var act = () => ResumeAndTrain(epochs: 3, keepLast: 1);

        act.Should().Throw<CheckpointException>().WithMessage("*snapshots[0]*");
        File.Exists(Path.Combine(Folder, "last.ckpt")).Should().BeTrue();
    }

    [Fact]
    public void A_snapshot_list_of_the_wrong_type_is_refused_naming_the_field()
    {
        Train(epochs: 1, keepLast: 1);
        ResealedCheckpoint.EditMetadata(LastPath, m => m["hooks"]![HookKey]!["snapshots"] = 42);

        var act = () => ResumeAndTrain(epochs: 3, keepLast: 1);

        act.Should().Throw<CheckpointException>().WithMessage("*field \"snapshots\": expected a list of snapshot file names, found a JSON Number.");
    }

    [Fact]
    public void Resuming_with_a_smaller_keep_last_keeps_the_earlier_runs_snapshots_and_says_so()
    {
        Train(epochs: 3, keepLast: 3);
        var earlier = SnapshotFiles();
        earlier.Should().HaveCount(3);

        var hook = ResumeAndTrain(epochs: 5, keepLast: 1);

        SnapshotFiles().Should().Contain(earlier, "the earlier run's snapshots are never deleted by a run with a smaller KeepLast");
        SnapshotFiles().Should().HaveCount(4, "this run keeps its own newest one");
        hook.Warnings.Should().ContainSingle()
            .Which.Should().Contain("lists 3 snapshots of the earlier run").And.Contain("KeepLast is 1: they are kept, not deleted");
    }

    [Fact]
    public void Resuming_with_the_same_keep_last_rotates_the_earlier_runs_snapshots_on()
    {
        Train(epochs: 2, keepLast: 2);

        var hook = ResumeAndTrain(epochs: 4, keepLast: 2);

        SnapshotFiles().Should().Equal("epoch-0002-step-000000006.ckpt", "epoch-0003-step-000000008.ckpt");
        hook.Warnings.Should().BeEmpty();
    }

    public void Dispose() => _root.Dispose();

    private string LastPath => Path.Combine(Folder, CheckpointFile.LastFileName);

    private string[] SnapshotFiles() =>
        Directory.GetFiles(Folder, "epoch-*.ckpt").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private void ListSnapshots(string name) =>
        ResealedCheckpoint.EditMetadata(LastPath, m => m["hooks"]![HookKey]!["snapshots"] = new JsonArray(JsonValue.Create(name)));

    private void Train(int epochs, int keepLast)
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: epochs));
        trainer.Hooks.Add(Hook(keepLast));
        trainer.Fit(train);
    }

    private CheckpointHook ResumeAndTrain(int epochs, int keepLast)
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: epochs));
        var hook = Hook(keepLast);
        trainer.Hooks.Add(hook);
        trainer.Resume("last");
        trainer.Fit(train);
        return hook;
    }

    private CheckpointHook Hook(int keepLast) => new(new CheckpointOptions { Directory = Folder, Monitor = string.Empty, KeepLast = keepLast });
}
