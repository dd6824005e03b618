using System;
using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Checkpoints;

public class CheckpointHookTests
{
    [Fact]
    public void Best_follows_the_monitored_metric_and_keep_last_rotates_numbered_snapshots()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 32, batchSize: 8);
        using var validation = new InMemoryBatchSource(samples: 16, batchSize: 8, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 5));
        var hook = new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = MetricNames.ValidationTop1, Mode = MetricMode.Max, KeepLast = 2 });
        trainer.Hooks.Add(hook);

        var result = trainer.Fit(train, validation);

        var top1 = result.History.Series(MetricNames.ValidationTop1);
        int bestEpoch = Enumerable.Range(0, 5).First(e => top1[e] == top1.Max());
        hook.BestEpoch.Should().Be(bestEpoch);
        hook.BestValue.Should().Be(top1.Max());
        CheckpointFile.ReadInfo(hook.BestPath).Position.Should().Be(new TrainingPosition(bestEpoch + 1, 0));
        CheckpointFile.ReadInfo(hook.LastPath).Position.Should().Be(new TrainingPosition(5, 0));
        Directory.GetFiles(directory.Path).Select(Path.GetFileName).Should().BeEquivalentTo(
            "last.ckpt", "best.ckpt", "epoch-0003-step-000000016.ckpt", "epoch-0004-step-000000020.ckpt");
        hook.Snapshots.Select(Path.GetFileName).Should().Equal("epoch-0003-step-000000016.ckpt", "epoch-0004-step-000000020.ckpt");
    }

    [Fact]
    public void Every_n_steps_saves_mid_epoch_positions()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 40, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));
        var hook = new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty, EveryEpochs = 0, EverySteps = 3, KeepLast = 10 });
        trainer.Hooks.Add(hook);

        trainer.Fit(train);

        hook.Snapshots.Select(s => CheckpointFile.ReadInfo(s).Position.Batch).Should().Equal(3, 6, 9);
        CheckpointFile.ReadInfo(hook.LastPath).Position.Should().Be(new TrainingPosition(1, 0), "the fit end saves the final state");
    }

    [Fact]
    public void A_resumed_run_keeps_the_best_value_so_a_worse_epoch_does_not_replace_best()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 32, batchSize: 8);
        using var validation = new InMemoryBatchSource(samples: 16, batchSize: 8, shuffle: false);
        double best;
        using (var first = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2)))
        {
            var hook = new CheckpointHook(directory.Path);
            first.Hooks.Add(hook);
            first.Fit(train, validation);
            best = hook.BestValue!.Value;
        }

        using var unrelated = new InMemoryBatchSource(samples: 16, batchSize: 8, seed: 77, shuffle: false); // other class patterns: a high loss
        using var second = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));
        var resumedHook = new CheckpointHook(directory.Path);
        second.Hooks.Add(resumedHook);
        second.Resume("last");
        var before = File.ReadAllBytes(resumedHook.BestPath);

        var third = second.Fit(train, unrelated).LastEpoch![MetricNames.ValidationLoss]!.Value;

        third.Should().BeGreaterThan(best, "the test needs a worse third epoch");
        resumedHook.BestValue.Should().Be(best);
        File.ReadAllBytes(resumedHook.BestPath).Should().Equal(before);
    }

    [Fact]
    public void A_state_with_a_non_finite_training_loss_is_never_written()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 16, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 2);
        options.Optimizer.LearningRate = 1e30;
        using var trainer = new Trainer(TrainingSetup.Model(), options);
        var hook = new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty });
        trainer.Hooks.Add(new NanGuardHook { Policy = NonFinitePolicy.Warn }); // train on past the first NaN
        trainer.Hooks.Add(hook);

        var result = trainer.Fit(train);

        double.IsFinite(result.History.Last![MetricNames.TrainLoss]!.Value).Should().BeFalse("the test needs a diverging run");
        hook.SaveCount.Should().Be(0);
        hook.SkippedNonFinite.Should().BeGreaterThan(0);
        File.Exists(hook.LastPath).Should().BeFalse();
    }

    [Fact]
    public void Monitoring_a_validation_metric_without_validation_is_refused_at_fit_start()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options());
        trainer.Hooks.Add(new CheckpointHook(directory.Path));

        var act = () => trainer.Fit(train);

        act.Should().Throw<InvalidOperationException>().WithMessage("CheckpointHook monitors \"val_loss\"*without a validation source*");
        trainer.GlobalStep.Should().Be(0);
    }

    [Fact]
    public void An_empty_directory_is_refused()
    {
        var act = () => new CheckpointHook(" ");

        act.Should().Throw<ArgumentException>().WithMessage("CheckpointOptions.Directory must name a directory*");
    }
}
