using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training;

public class HookOrderTests
{
    private static readonly string[] Step =
    {
        "OnTrainBatchStart({0},{1},{2})", "OnBeforeBackward({0},{1},{2})", "OnAfterBackward({0},{1},{2})",
        "OnBeforeOptimizerStep({0},{1},{2})", "OnTrainBatchEnd({0},{1},{3})",
    };

    [Fact]
    public void Hooks_are_called_in_this_exact_order_for_two_epochs_of_two_batches_with_validation_and_checkpoints()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var validation = new InMemoryBatchSource(samples: 4, batchSize: 4, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));
        var recorder = new RecordingHook();
        trainer.Hooks.Add(recorder);
        trainer.Hooks.Add(new CheckpointHook(directory.Path));

        trainer.Fit(train, validation);

        // Name(epoch, batch index, global step) as each hook saw the state.
        var expected = new[] { "OnFitStart(0,0,0)" }
            .Concat(Epoch(0, firstStep: 0))
            .Concat(Epoch(1, firstStep: 2))
            .Append("OnFitEnd(1,1,4)");
        recorder.Calls.Should().Equal(expected);
    }

    [Fact]
    public void A_resumed_fit_hands_each_hook_its_saved_state_before_fit_start()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using (var first = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1)))
        {
            first.Hooks.Add(new RecordingHook());
            first.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
            first.Fit(train);
        }

        using var second = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));
        var recorder = new RecordingHook();
        second.Hooks.Add(recorder);
        second.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
        second.Resume("last");
        second.Fit(train);

        recorder.Calls.Take(3).Should().Equal("OnLoadCheckpoint(0,0,2)", "OnFitStart(0,0,2)", "OnTrainEpochStart(1,0,2)");
    }

    [Fact]
    public void A_hook_that_returns_stop_ends_training_after_every_hook_saw_the_batch_and_fit_end_gets_the_reason()
    {
        using var train = new InMemoryBatchSource(samples: 40, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));
        var stopper = new RecordingHook { OnBatchEnd = s => s.GlobalStep == 13 ? HookControl.Stop("enough at 13") : HookControl.Continue };
        var after = new RecordingHook();
        trainer.Hooks.Add(stopper);
        trainer.Hooks.Add(after);

        var result = trainer.Fit(train);

        result.Completed.Should().BeFalse();
        result.StopReason.Should().Be("enough at 13");
        result.GlobalStep.Should().Be(13);
        result.Position.Should().Be(new TrainingPosition(1, 3));
        result.EpochsCompleted.Should().Be(1);
        after.Calls.Should().Contain("OnTrainBatchEnd(1,2,13)");
        after.Calls.TakeLast(2).Should().Equal("OnTrainBatchEnd(1,2,13)", "OnFitEnd(1,2,13)");
        trainer.State.StopReason.Should().Be("enough at 13");
    }

    [Fact]
    public void An_exception_in_training_reaches_every_hook_and_then_propagates_unchanged()
    {
        using var train = new InMemoryBatchSource(samples: 16, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));
        var failing = new RecordingHook { OnBatchEnd = s => s.GlobalStep == 2 ? throw new InvalidOperationException("boom") : HookControl.Continue };
        var other = new RecordingHook();
        trainer.Hooks.Add(failing);
        trainer.Hooks.Add(other);

        var act = () => trainer.Fit(train);

        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
        failing.Calls.Last().Should().Be("OnException(InvalidOperationException)");
        other.Calls.Last().Should().Be("OnException(InvalidOperationException)");
        other.Calls.Should().NotContain(c => c.StartsWith("OnFitEnd", StringComparison.Ordinal));
        trainer.State.Exception.Should().BeOfType<InvalidOperationException>();
    }

    private static string[] Epoch(int epoch, int firstStep)
    {
        var calls = new System.Collections.Generic.List<string> { $"OnTrainEpochStart({epoch},0,{firstStep})" };
        for (int batch = 0; batch < 2; batch++)
        {
            int step = firstStep + batch;
            calls.AddRange(Step.Select(f => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, epoch, batch, step, step + 1)));
        }

        int last = firstStep + 2;
        calls.Add($"OnValidationStart({epoch},1,{last})");
        calls.Add($"OnValidationBatchEnd({epoch},1,{last})");
        calls.Add($"OnValidationEnd({epoch},1,{last})");
        calls.Add($"OnTrainEpochEnd({epoch},1,{last})");
        calls.Add($"OnSaveCheckpoint({epoch},1,{last})"); // the CheckpointHook, added after the recorder, saves at the epoch end
        return calls.ToArray();
    }
}
