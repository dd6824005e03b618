using System;
using System.IO;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training;

/// <summary>A resume that cannot succeed changes nothing: it is validated completely before anything is applied.</summary>
public class ResumeValidationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Resuming_an_adam_checkpoint_into_an_sgd_trainer_leaves_the_weights_and_the_position_untouched()
    {
        string path = TrainAndSave(OptimizerKind.Adam);
        var model = TrainingSetup.Model(seed: 11);
        var before = Weights.Bytes(model);
        using var trainer = new Trainer(model, TrainingSetup.Options());

        var act = () => trainer.Resume(path);

        act.Should().Throw<CheckpointException>().WithMessage("*the optimizer state (Adam) does not fit this trainer's optimizer (SGD)*");
        Weights.Bytes(model).Should().BeEquivalentTo(before);
        trainer.Position.Should().Be(new TrainingPosition(0, 0));
    }

    [Fact]
    public void A_mid_epoch_checkpoint_resumed_with_another_batch_size_fails_naming_both_sizes()
    {
        string path = TrainAndSaveMidEpoch();
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));
        trainer.Resume(path);
        using var otherBatches = new InMemoryBatchSource(samples: 24, batchSize: 6);

        var act = () => trainer.Fit(otherBatches);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*resumes mid-epoch (epoch 0, batch 2) with batches of 6 samples, but the checkpoint was written with batches of 4*");
        trainer.GlobalStep.Should().Be(2, "no step ran");
    }

    [Fact]
    public void A_mid_epoch_checkpoint_resumed_with_the_same_batch_size_continues()
    {
        string path = TrainAndSaveMidEpoch();
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));
        trainer.Resume(path);
        using var sameBatches = new InMemoryBatchSource(samples: 24, batchSize: 4);

        var result = trainer.Fit(sameBatches);

        result.Completed.Should().BeTrue();
        result.GlobalStep.Should().Be(6);
    }

    public void Dispose() => _directory.Dispose();

    private string TrainAndSave(OptimizerKind kind)
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 1);
        options.Optimizer.Kind = kind;
        using var trainer = new Trainer(TrainingSetup.Model(), options);
        trainer.Fit(train);
        string path = Path.Combine(_directory.Path, "adam.ckpt");
        trainer.SaveCheckpoint(path);
        return path;
    }

    private string TrainAndSaveMidEpoch()
    {
        using var train = new InMemoryBatchSource(samples: 24, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));
        trainer.Hooks.Add(StopAtHook.Step(2));
        trainer.Fit(train);
        string path = Path.Combine(_directory.Path, "mid.ckpt");
        trainer.SaveCheckpoint(path);
        return path;
    }
}
