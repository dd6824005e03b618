using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Metrics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;

namespace AlexNet.Core.Tests.Training.Hooks;

public class StoppingHookTests
{
    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_an_improvement_larger_than_min_delta()
    {
        var hook = new EarlyStoppingHook(MetricNames.ValidationLoss, patience: 2, minDelta: 0.05);
        var state = new TrainingStateDriver();

        var controls = new[] { 1.0, 0.9, 0.88, 0.86, 0.7, 0.69 }.Select(v => hook.OnTrainEpochEnd(state.Epoch(MetricNames.ValidationLoss, v))).ToArray();

        controls.Select(c => c.ShouldStop).Should().Equal(false, false, false, true, false, false);
        controls[3].Reason.Should().Be("early stopping: val_loss did not improve by more than 0.05 for 2 epochs (best 0.9)");
    }

    [Fact]
    public void Early_stopping_in_max_mode_and_its_state_survive_a_checkpoint()
    {
        var hook = new EarlyStoppingHook(MetricNames.ValidationTop1, patience: 3, mode: MetricMode.Max);
        var state = new TrainingStateDriver();
        hook.OnTrainEpochEnd(state.Epoch(MetricNames.ValidationTop1, 0.5));
        hook.OnTrainEpochEnd(state.Epoch(MetricNames.ValidationTop1, 0.4));
        var restored = new EarlyStoppingHook(MetricNames.ValidationTop1, patience: 3, mode: MetricMode.Max);

        restored.OnLoadCheckpoint(state.Current, hook.OnSaveCheckpoint(state.Current)!);

        restored.Best.Should().Be(0.5);
        restored.Wait.Should().Be(1);
        restored.OnTrainEpochEnd(state.Epoch(MetricNames.ValidationTop1, 0.45)).ShouldStop.Should().BeFalse();
        restored.OnTrainEpochEnd(state.Epoch(MetricNames.ValidationTop1, 0.45)).ShouldStop.Should().BeTrue();
    }

    [Fact]
    public void Early_stopping_ends_a_real_fit_cleanly_with_its_reason()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 20);
        options.Optimizer.LearningRate = 1e-9;
        options.Optimizer.Sgd.Momentum = 0;
        using var trainer = new Trainer(new TinyMlp(), options);
        trainer.Hooks.Add(new EarlyStoppingHook(MetricNames.TrainTop1, patience: 2, mode: MetricMode.Max));

        var result = trainer.Fit(train);

        result.Completed.Should().BeFalse();
        result.StopReason.Should().StartWith("early stopping: train_top1 did not improve");
        result.EpochsCompleted.Should().BeLessThan(20);
    }

    [Fact]
    public void The_nan_guard_stops_a_diverging_run_naming_the_metric_and_the_first_bad_step()
    {
        var result = FitDiverging(new NanGuardHook(), logInterval: 5);

        result.Completed.Should().BeFalse();
        result.StopReason.Should().MatchRegex(@"^NaN guard: the (loss|gradient)( is not finite \(NaN or infinite\)| \S+ is above the divergence threshold 1000000) at step \d+, epoch 0\. Lower the learning rate");
        long firstBad = long.Parse(System.Text.RegularExpressions.Regex.Match(result.StopReason!, @"at step (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        firstBad.Should().BeInRange(1, 5);
        result.GlobalStep.Should().Be(5, "the guard sees the first read-back, at step 5");
    }

    [Fact]
    public void The_nan_guard_checking_every_step_stops_on_the_first_bad_step()
    {
        var result = FitDiverging(new NanGuardHook(checkEveryStep: true), logInterval: 50);

        result.StopReason.Should().Contain($"at step {result.GlobalStep}, epoch 0");
    }

    /// <summary>A run whose learning rate of 1e30 makes the loss overflow within the first steps.</summary>
    private static TrainingResult FitDiverging(NanGuardHook guard, int logInterval)
    {
        using var train = new InMemoryBatchSource(samples: 10 * 4, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 3, logInterval: logInterval);
        options.Optimizer.LearningRate = 1e30;
        using var trainer = new Trainer(TrainingSetup.Model(), options);
        trainer.Hooks.Add(guard);
        return trainer.Fit(train);
    }

    /// <summary>Drives hooks that look at the last epoch's metrics, without training.</summary>
    private sealed class TrainingStateDriver
    {
        private readonly Trainer _trainer = new(new TinyMlp(), TrainingSetup.Options());
        private int _epoch;

        public TrainingState Current => _trainer.State;

        public TrainingState Epoch(string metric, double value)
        {
            _trainer.State.Epoch = _epoch;
            _trainer.State.History.Add(new EpochMetrics(_epoch++, _epoch * 10, new Dictionary<string, double> { [metric] = value }));
            return _trainer.State;
        }
    }
}
