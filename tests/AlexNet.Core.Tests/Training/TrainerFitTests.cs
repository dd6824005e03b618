using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

public class TrainerFitTests
{
    [Fact]
    public void Fit_learns_a_separable_synthetic_task_and_records_one_history_entry_per_epoch()
    {
        using var data = new InMemoryBatchSource(samples: 256, batchSize: 32, classes: 4);
        using var validation = new InMemoryBatchSource(samples: 64, batchSize: 32, classes: 4, seed: 1, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 4));

        var result = trainer.Fit(data, validation);

        result.Completed.Should().BeTrue();
        result.StopReason.Should().BeNull();
        result.GlobalStep.Should().Be(4 * 8);
        result.Position.Should().Be(new TrainingPosition(4, 0));
        result.History.Select(e => e.Epoch).Should().Equal(0, 1, 2, 3);
        result.History.Select(e => e.GlobalStep).Should().Equal(8, 16, 24, 32);
        result.LastEpoch!.Values.Keys.Should().BeEquivalentTo(
            MetricNames.TrainLoss, MetricNames.TrainTop1, MetricNames.TrainTop5, MetricNames.LearningRate,
            MetricNames.ValidationLoss, MetricNames.ValidationTop1, MetricNames.ValidationTop5, MetricNames.ValidationError);
        result.History[0][MetricNames.TrainLoss].Should().BeGreaterThan(result.LastEpoch[MetricNames.TrainLoss]!.Value);
        result.LastEpoch[MetricNames.ValidationTop1].Should().BeGreaterThan(0.9);
        result.LastEpoch[MetricNames.ValidationError].Should().BeApproximately(1 - result.LastEpoch[MetricNames.ValidationTop1]!.Value, 1e-12);
        result.LastEpoch[MetricNames.TrainTop5].Should().Be(1.0, "with 4 classes top-5 is top-4, always right");
    }

    [Fact]
    public void Metrics_are_read_back_only_at_log_steps_and_epoch_ends()
    {
        using var data = new InMemoryBatchSource(samples: 20 * 8, batchSize: 8);
        using var validation = new InMemoryBatchSource(samples: 16, batchSize: 8, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2, logInterval: 7));

        trainer.Fit(data, validation);

        // 20 steps per epoch, steps 7, 14, 21, 28, 35 are log steps, plus the last batch of each epoch (20 and 40),
        // plus per epoch one validation read of the sums and one of the confusion matrix.
        trainer.MetricReadBacks.Should().Be(5 + 2 + (2 * 2));
    }

    [Fact]
    public void A_training_step_never_reads_a_value_back_so_fit_on_the_meta_device_runs_every_step_until_the_first_read_back()
    {
        // Meta tensors have shapes but no data: any read-back throws. With the log interval beyond the epoch, the
        // first read-back is due after the last step of the epoch (its batch end is a log step), so all 12 steps -
        // forward, backward, clipping, optimizer step, metric update - and 11 batch-end hook rounds must complete.
        using var data = new InMemoryBatchSource(samples: 12 * 4, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 1, logInterval: 1000);
        options.GradientClipping = new GradientClippingOptions { MaxNorm = 1.0, MaxValue = 5.0 };
        using var trainer = new Trainer(new TinyMlp(), options, new Device("meta"));
        var recorder = new RecordingHook();
        trainer.Hooks.Add(recorder);

        var act = () => trainer.Fit(data);

        var thrown = act.Should().Throw<Exception>().Which;
        thrown.Message.Should().Contain("copy out of meta tensor", "the first failure must be the epoch-end read-back: {0}", thrown);
        recorder.Calls.Count(c => c.StartsWith("OnTrainBatchEnd", StringComparison.Ordinal)).Should().Be(11);
        trainer.GlobalStep.Should().Be(12);
    }

    [Fact]
    public void Uint8_images_are_scaled_to_the_unit_range_and_train_like_float_images()
    {
        using var bytes = new InMemoryBatchSource(samples: 64, batchSize: 16, asBytes: true);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));

        var result = trainer.Fit(bytes);

        result.LastEpoch![MetricNames.TrainTop1].Should().BeGreaterThan(0.6);
        result.History.Series(MetricNames.TrainLoss).Should().OnlyContain(v => double.IsFinite(v) && v < 2);
    }

    [Fact]
    public void A_model_that_declares_log_probabilities_is_trained_with_nll_and_learns()
    {
        using var data = new InMemoryBatchSource(samples: 128, batchSize: 16);
        using (random.manual_seed(3))
        {
        }

        using var trainer = new Trainer(new TinyLogSoftmaxNet(), TrainingSetup.Options(epochs: 3));

        var result = trainer.Fit(data);

        trainer.Loss.Should().Be(LossKind.Nll);
        result.LastEpoch![MetricNames.TrainTop1].Should().BeGreaterThan(0.8);
    }

    [Fact]
    public void Nll_on_a_model_that_declares_logits_is_refused_with_a_message_naming_both()
    {
        var options = TrainingSetup.Options();
        options.Loss.Kind = LossKind.Nll;

        var act = () => new Trainer(new DeclaredLogitsNet(), options);

        act.Should().Throw<ArgumentException>().WithMessage("*Nll*log-probabilities*DeclaredLogitsNet*logits*");
    }

    [Fact]
    public void Invalid_options_are_refused_by_the_constructor_with_every_failure_listed()
    {
        var options = TrainingSetup.Options();
        options.Epochs = 0;
        options.Optimizer.LearningRate = -1;

        var act = () => new Trainer(TrainingSetup.Model(), options);

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().HaveCount(2);
    }

    [Fact]
    public void The_trainer_keeps_its_own_copy_of_the_options()
    {
        var options = TrainingSetup.Options(epochs: 2);
        using var trainer = new Trainer(TrainingSetup.Model(), options);

        options.Epochs = 99;
        options.Optimizer.LearningRate = 1;

        trainer.Options.Epochs.Should().Be(2);
        trainer.Options.Optimizer.LearningRate.Should().Be(0.05);
    }
}
