using System;
using System.Diagnostics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;
using TorchSharp;

namespace AlexNet.Core.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public class MemoryTests
{
    [Fact]
    public void Two_thousand_steps_leave_the_live_tensor_count_unchanged_and_native_memory_flat()
    {
        // 2,200 steps: 11 epochs of 200 batches of 4 images, with validation, progress and metrics hooks.
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 200 * 4, batchSize: 4);
        using var validation = new InMemoryBatchSource(samples: 16, batchSize: 8, shuffle: false);
        var options = TrainingSetup.Options(epochs: 11, logInterval: 25);
        options.GradientClipping.MaxNorm = 1;
        using var trainer = new Trainer(TrainingSetup.Model(), options);
        var probe = new LiveTensorProbe(warmUpStep: 200);
        trainer.Hooks.Add(new ProgressHook(System.IO.TextWriter.Null));
        trainer.Hooks.Add(new MetricsHistoryHook(directory.Path));
        trainer.Hooks.Add(new NanGuardHook());
        trainer.Hooks.Add(probe);

        var result = trainer.Fit(train, validation);

        result.GlobalStep.Should().Be(2200);
        probe.LiveAtEnd.Should().Be(probe.LiveAtWarmUp, "every tensor a step creates must be disposed by the end of the step");
        long growth = probe.RssAtEnd - probe.RssAtWarmUp;
        growth.Should().BeLessThan(32L << 20, $"resident memory grew from {probe.RssAtWarmUp >> 20} MiB to {probe.RssAtEnd >> 20} MiB over 2,000 steps");
    }

    /// <summary>Measures this thread's live tensors and the process's resident memory at a warm-up step and at the last step.</summary>
    private sealed class LiveTensorProbe : TrainingHook
    {
        private readonly long _warmUpStep;

        public LiveTensorProbe(long warmUpStep) => _warmUpStep = warmUpStep;

        public long LiveAtWarmUp { get; private set; }

        public long LiveAtEnd { get; private set; }

        public long RssAtWarmUp { get; private set; }

        public long RssAtEnd { get; private set; }

        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
        {
            if (state.GlobalStep == _warmUpStep)
            {
                (LiveAtWarmUp, RssAtWarmUp) = Measure();
            }

            if (state.GlobalStep == (long)state.Epochs * state.BatchesPerEpoch)
            {
                (LiveAtEnd, RssAtEnd) = Measure();
            }

            return HookControl.Continue;
        }

        private static (long Live, long Rss) Measure()
        {
            using var process = Process.GetCurrentProcess();
            return (DisposeScopeManager.Statistics.ThreadTotalLiveCount, process.WorkingSet64);
        }
    }
}
