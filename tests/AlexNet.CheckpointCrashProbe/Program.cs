using System;
using System.Collections.Generic;
using System.IO;
using AlexNet.CheckpointCrashProbe;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

// Usage: AlexNet.CheckpointCrashProbe DIRECTORY
// Trains a small MLP on random data, resuming from DIRECTORY/last.ckpt when it exists, and rewrites last.ckpt
// after every step, with a numbered snapshot (two kept). Prints "ready STEP" once the first checkpoint of this process is on disk, then keeps going
// until it is killed (or 100,000 steps).
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: AlexNet.CheckpointCrashProbe DIRECTORY");
    return 2;
}

string directory = args[0];
torch.set_num_threads(1); // the step is tiny; one thread keeps it short on a busy machine, so most of the time goes to saving
using (torch.random.manual_seed(1))
{
}

var model = new ProbeModel();
using var trainer = new Trainer(model, ProbeSetup.Options());
trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory, Monitor = string.Empty, EveryEpochs = 0, EverySteps = 1, KeepLast = 2 }));
trainer.Hooks.Add(new ReadyHook());
if (File.Exists(Path.Combine(directory, CheckpointFile.LastFileName)))
{
    trainer.Resume("last");
}

using var data = new RandomBatches();
trainer.Fit(data);
return 0;

namespace AlexNet.CheckpointCrashProbe
{
    /// <summary>The probe's training options (the test builds the same trainer to load its checkpoints).</summary>
    public static class ProbeSetup
    {
        public static TrainerOptions Options() => new() { Epochs = 1000, Device = "cpu", Seed = 1, LogInterval = 1000 };
    }

    /// <summary>256 -> 4096 -> 10: about 4 MB of weights, 8 MB with the momentum buffers, so a save takes long enough to be killed in.</summary>
    public sealed class ProbeModel : nn.Module<Tensor, Tensor>
    {
        private readonly Linear hidden = nn.Linear(256, 4096);
        private readonly Linear output = nn.Linear(4096, 10);

        public ProbeModel()
            : base(nameof(ProbeModel)) => RegisterComponents();

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return scope.MoveToOuter(output.call(nn.functional.relu(hidden.call(input.flatten(1)))));
        }
    }

    /// <summary>100 batches of 16 random 1x16x16 images per epoch, a pure function of (epoch, batch).</summary>
    public sealed class RandomBatches : IBatchSource, IDisposable
    {
        private readonly Generator _generator = new(0);

        public int BatchesPerEpoch => 100;

        public long SamplesPerEpoch => 1600;

        public IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
        {
            for (int b = startBatch; b < BatchesPerEpoch; b++)
            {
                _generator.manual_seed((epoch * 1000L) + b);
                yield return new Batch(
                    rand(new long[] { 16, 1, 16, 16 }, generator: _generator).DetachFromDisposeScope(),
                    randint(10, new long[] { 16 }, generator: _generator).DetachFromDisposeScope());
            }
        }

        public void Dispose() => _generator.Dispose();
    }

    /// <summary>Says "ready STEP" after the first step of this process (whose checkpoint the hook before it just wrote).</summary>
    public sealed class ReadyHook : TrainingHook
    {
        private bool _announced;

        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
        {
            if (!_announced)
            {
                _announced = true;
                Console.Out.WriteLine($"ready {state.GlobalStep}");
                Console.Out.Flush();
            }

            return HookControl.Continue;
        }
    }
}
