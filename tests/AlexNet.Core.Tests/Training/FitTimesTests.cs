using System;
using System.Collections.Generic;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>
/// <see cref="TrainingResult.Times"/> splits a fit's wall time into waiting for data, steps, hooks and validation:
/// each part gets exactly what happened in it (known sleeps put in a source and in hooks), nothing is counted twice.
/// </summary>
public class FitTimesTests
{
    private static readonly TimeSpan DataDelay = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan TrainHookDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ValidationHookDelay = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Waiting_for_batches_hooks_and_validation_each_land_in_their_own_part_of_the_split()
    {
        using var inner = new InMemoryBatchSource(samples: 16, batchSize: 4);
        var train = new SlowSource(inner, DataDelay);
        using var validation = new InMemoryBatchSource(samples: 8, batchSize: 4, seed: 2, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));
        trainer.Hooks.Add(new SleepingHook());

        var times = trainer.Fit(train, validation).Times;

        // 4 training batches, 2 validation batches.
        times.DataWait.Should().BeGreaterThanOrEqualTo(4 * DataDelay);
        times.Hooks.Should().BeGreaterThanOrEqualTo(4 * TrainHookDelay)
            .And.BeLessThan(2 * ValidationHookDelay, "the validation hooks' sleeps belong to validation, not to the training hooks");
        times.Validation.Should().BeGreaterThanOrEqualTo(2 * ValidationHookDelay);
        times.Step.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThan(times.Total - times.DataWait - times.Hooks - times.Validation + TimeSpan.FromMilliseconds(1));
        (times.DataWait + times.Step + times.Hooks + times.Validation + times.Other).Should().BeCloseTo(times.Total, TimeSpan.FromMilliseconds(1));
        times.OverheadOverStep.Should().BeApproximately((times.Total - times.Step).TotalSeconds / times.Step.TotalSeconds, 1e-12);
        times.ToString().Should().StartWith("step ").And.Contain("waiting for data").And.Contain("validation").And.EndWith("over the bare step");
    }

    [Fact]
    public void The_result_s_elapsed_time_is_the_split_s_total()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));

        var result = trainer.Fit(train);

        result.Elapsed.Should().Be(result.Times.Total);
        result.Times.Validation.Should().Be(TimeSpan.Zero);
    }

    private sealed class SlowSource : IBatchSource
    {
        private readonly IBatchSource _inner;
        private readonly TimeSpan _delay;

        public SlowSource(IBatchSource inner, TimeSpan delay)
        {
            _inner = inner;
            _delay = delay;
        }

        public int BatchesPerEpoch => _inner.BatchesPerEpoch;

        public long SamplesPerEpoch => _inner.SamplesPerEpoch;

        public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
        {
            foreach (var batch in _inner.GetBatches(epoch, startBatch))
            {
                Thread.Sleep(_delay);
                yield return batch;
            }
        }
    }

    private sealed class SleepingHook : TrainingHook
    {
        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
        {
            Thread.Sleep(TrainHookDelay);
            return HookControl.Continue;
        }

        public override void OnValidationBatchEnd(TrainingState state, BatchOutput output) => Thread.Sleep(ValidationHookDelay);
    }
}
