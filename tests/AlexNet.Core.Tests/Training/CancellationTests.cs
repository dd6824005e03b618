using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training;

public class CancellationTests
{
    [Fact]
    public void Cancelling_stops_before_the_next_batch_saves_last_at_that_position_and_throws_operation_cancelled()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 10 * 4, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));
        using var cancellation = new CancellationTokenSource();
        var recorder = new RecordingHook
        {
            OnBatchEnd = s =>
            {
                if (s.GlobalStep == 13)
                {
                    cancellation.Cancel();
                }

                return HookControl.Continue;
            },
        };
        trainer.Hooks.Add(recorder);
        trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty, EveryEpochs = 0 }));

        var act = () => trainer.Fit(train, cancellationToken: cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
        trainer.GlobalStep.Should().Be(13, "the batch during which cancellation was requested finishes; no further batch starts");
        recorder.Calls.Should().NotContain("OnTrainBatchStart(1,3,13)");
        recorder.Calls.TakeLast(2).Should().Equal("OnException(OperationCanceledException)", "OnSaveCheckpoint(1,2,13)");
        var saved = CheckpointFile.ReadInfo(directory.File(CheckpointFile.LastFileName));
        saved.GlobalStep.Should().Be(13);
        saved.Position.Should().Be(new TrainingPosition(1, 3));
    }

    [Fact]
    public void A_run_cancelled_before_its_first_step_writes_no_checkpoint_over_an_existing_one()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        System.IO.File.WriteAllText(directory.File(CheckpointFile.LastFileName), "previous run");
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options());
        trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));

        var act = () => trainer.Fit(train, cancellationToken: new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
        System.IO.File.ReadAllText(directory.File(CheckpointFile.LastFileName)).Should().Be("previous run");
    }

    [Fact]
    public async Task A_fit_waiting_for_another_threads_fit_honours_its_cancellation_token()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options());
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var otherFit = Task.Run(() =>
        {
            using (GlobalGeneratorGate.Enter(CancellationToken.None))
            {
                held.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
        });
        held.Wait();
        try
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var clock = Stopwatch.StartNew();

            var act = () => trainer.Fit(train, cancellationToken: cancellation.Token);

            act.Should().Throw<OperationCanceledException>();
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the wait for the other fit ends when the token is cancelled, not when that fit ends (10 s)");
            trainer.GlobalStep.Should().Be(0);
        }
        finally
        {
            release.Set();
            await otherFit;
        }
    }
}
