using System;
using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Checkpoints;

public class CheckpointFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_checkpoint_describes_itself_without_loading_tensors()
    {
        string path = TrainAndSave(epochs: 2);

        var info = CheckpointFile.ReadInfo(path);

        info.Position.Should().Be(new TrainingPosition(2, 0));
        info.GlobalStep.Should().Be(4);
        info.ModelType.Should().EndWith(nameof(TinyNet));
        info.OptimizerType.Should().Be("SGD");
        info.Seed.Should().Be(7);
        info.Library.Should().StartWith("AlexNet.Core ");
        info.History.Select(e => e.Epoch).Should().Equal(0, 1);
        info.History[1].Values.Keys.Should().Contain(MetricNames.TrainLoss);
        info.ReadOptions().Epochs.Should().Be(2);
        info.OptionsJson.Should().Contain("\"kind\":\"Sgd\"");
        info.HookStateKeys.Should().Equal(typeof(CheckpointHook).FullName);
    }

    [Fact]
    public void A_corrupted_byte_is_caught_by_the_checksum_with_the_file_named()
    {
        string path = TrainAndSave();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var act = () => CheckpointFile.ReadInfo(path);

        act.Should().Throw<CheckpointException>()
            .WithMessage($"Checkpoint '{path}': the payload checksum does not match*the file is corrupt (at byte offset 56).")
            .Which.FilePath.Should().Be(path);
    }

    [Fact]
    public void A_foreign_file_is_refused_by_its_magic_bytes()
    {
        string path = _directory.File("model.zip");
        File.WriteAllBytes(path, new byte[] { 0x50, 0x4B, 0x03, 0x04 }.Concat(new byte[100]).ToArray());

        var act = () => CheckpointFile.ReadInfo(path);

        act.Should().Throw<CheckpointException>()
            .WithMessage("*not an AlexNet.Lib checkpoint: expected the magic bytes \"ALXNCKPT\", found bytes 504B030400000000 (at byte offset 0).");
    }

    [Fact]
    public void A_truncated_file_is_refused_with_both_lengths()
    {
        string path = TrainAndSave();
        long length = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(length - 100);
        }

        var act = () => CheckpointFile.ReadInfo(path);

        act.Should().Throw<CheckpointException>()
            .WithMessage($"*the header announces {length - 56} payload bytes but the file holds {length - 156}*truncated*");
    }

    [Fact]
    public void A_file_shorter_than_the_header_is_refused()
    {
        string path = _directory.File("empty.ckpt");
        File.WriteAllText(path, "ALXN");

        var act = () => CheckpointFile.ReadInfo(path);

        act.Should().Throw<CheckpointException>().WithMessage("*the file is 4 bytes, shorter than the 56-byte checkpoint header*");
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_both_versions()
    {
        string path = TrainAndSave();
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 2;
        File.WriteAllBytes(path, bytes);

        var act = () => CheckpointFile.ReadInfo(path);

        act.Should().Throw<CheckpointException>().WithMessage("*format version 2 is not supported: this library reads version 1 (the file was written by a newer AlexNet.Lib) (at byte offset 8).");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var act = () => CheckpointFile.ReadInfo(_directory.File("nope.ckpt"));

        act.Should().Throw<CheckpointException>().WithMessage("*nope.ckpt': the file does not exist.");
    }

    [Fact]
    public void Resuming_a_different_model_is_refused_before_any_weight_is_copied()
    {
        string path = TrainAndSave();
        var other = TrainingSetup.Model(classes: 3, seed: 9);
        var before = Weights.Bytes(other);
        using var trainer = new Trainer(other, TrainingSetup.Options());

        var act = () => trainer.Resume(path);

        act.Should().Throw<CheckpointException>()
            .WithMessage("*written for a different model (TinyNet here): 'classifier.weight' is Float32 [4, 64] in the checkpoint and Float32 [3, 64] in the model; 'classifier.bias' is Float32 [4]*");
        Weights.Bytes(other).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void Resuming_into_a_different_optimizer_is_refused_naming_both()
    {
        string path = TrainAndSave();
        var options = TrainingSetup.Options();
        options.Optimizer.Kind = OptimizerKind.Adam;
        using var trainer = new Trainer(TrainingSetup.Model(), options);

        var act = () => trainer.Resume(path);

        act.Should().Throw<CheckpointException>().WithMessage("*the optimizer state (SGD) does not fit this trainer's optimizer (Adam)*");
    }

    [Fact]
    public void Resuming_from_last_needs_a_directory()
    {
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options());

        var act = () => trainer.Resume("last");

        act.Should().Throw<ArgumentException>().WithMessage("Resuming from \"last\" needs a checkpoint directory*");
    }

    [Fact]
    public void Resume_from_best_and_from_an_explicit_directory_and_path()
    {
        TrainAndSave(epochs: 3);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));

        var best = trainer.Resume("best", _directory.Path);
        var byPath = trainer.Resume(Path.Combine(_directory.Path, "last.ckpt"));

        best.FilePath.Should().Be(Path.Combine(_directory.Path, "best.ckpt"));
        best.Position.Epoch.Should().BeInRange(1, 3);
        byPath.Position.Should().Be(new TrainingPosition(3, 0));
        trainer.Position.Should().Be(new TrainingPosition(3, 0));
    }

    public void Dispose() => _directory.Dispose();

    private string TrainAndSave(int epochs = 1)
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: epochs));
        trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = _directory.Path, Monitor = MetricNames.TrainLoss }));
        trainer.Fit(train);
        return Path.Combine(_directory.Path, CheckpointFile.LastFileName);
    }
}
