using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Distributed;
using AlexNet.Core.Models;
using AlexNet.Core.Training;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Training;

/// <summary>
/// MPI data parallel (docs/distributed.md). Under <c>mpirun.mpich -np N</c>: the bucketed in-place allreduce of each
/// variant's gradient (median over repetitions) and the training step of N ranks, each on batch / N images. Alone: the
/// same step in one process on the whole batch. Compare the two runs' img/s at the same total batch. Under mpirun the
/// allreduce is also timed with <see cref="GradientCompression.BFloat16"/> (half the bytes, summed by a user-defined op).
/// </summary>
public sealed class DistributedBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "distributed";

    /// <inheritdoc />
    public string Description =>
        "allreduce time and step img/s; run under mpirun.mpich -np N and alone [--variants CifarBatchNorm,TorchVision,Paper] [--batch 512] [--batch-large 32] [--steps 4] [--reps 5] [--threads N]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int threads = SuiteArgs.Int(args, "--threads", torch.get_num_threads());
        torch.set_num_threads(threads);
        int batch = SuiteArgs.Int(args, "--batch", 512);
        int batchLarge = SuiteArgs.Int(args, "--batch-large", 32);
        int steps = SuiteArgs.Int(args, "--steps", 4);
        int reps = SuiteArgs.Int(args, "--reps", 5);
        var variants = (SuiteArgs.Option(args, "--variants") ?? "CifarBatchNorm,TorchVision,Paper").Split(',').Select(Enum.Parse<Variant>).ToArray();
        int world = DistributedLaunch.WorldSize;
        bool leader = DistributedLaunch.Rank == 0;
        var writer = leader ? output : TextWriter.Null;
        writer.WriteLine(Invariant($"{world} process(es) x {threads} torch thread(s); load average at start {Measure.LoadAverage("unknown")}"));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var variant in variants)
        {
            int total = variant == Variant.CifarBatchNorm ? batch : batchLarge;
            rows.Add(MeasureVariant(variant, total, world, steps, reps));
        }

        writer.WriteLine(Measure.Table(
            new[]
            {
                "variant", "parameters", "total batch", "ranks x threads", "step (median)", "img/s", "allreduce (median)", "allreduce share",
                "allreduce bf16 (median)",
            },
            rows));
        writer.WriteLine(Invariant($"load average at end {Measure.LoadAverage("unknown")}"));
        return 0;
    }

    private static IReadOnlyList<string> MeasureVariant(Variant variant, int total, int world, int steps, int reps)
    {
        torch.random.manual_seed(0);
        using var model = AlexNetFactory.Create(variant, variant == Variant.CifarBatchNorm ? 10 : 1000);
        long parameters = model.parameters().Sum(p => p.numel());
        ImageSize size = model.Descriptor.NominalInputSize;
        double allreduce = world > 1 ? AllReduceSeconds(model, reps, GradientCompression.None) : double.NaN;
        double compressed = world > 1 ? AllReduceSeconds(model, reps, GradientCompression.BFloat16) : double.NaN;
        var clock = new StepClock();
        using (var source = new FixedBatches(steps + 1, total / world, new long[] { 3, size.Height, size.Width }))
        using (var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, Device = "cpu", LogInterval = 1000 }))
        {
            trainer.Hooks.Add(clock);
            trainer.Fit(source);
        }

        double step = Measure.Median(clock.StepSeconds.Skip(1)); // the first step warms up
        return new[]
        {
            variant.ToString(), Invariant($"{parameters:N0}"), Invariant($"{total}"), Invariant($"{world} x {torch.get_num_threads()}"),
            Invariant($"{step * 1000:F0} ms"), Measure.Rate(total / step),
            world > 1 ? Invariant($"{allreduce * 1000:F0} ms") : "n/a", world > 1 ? Invariant($"{allreduce / step:P0}") : "n/a",
            world > 1 ? Invariant($"{compressed * 1000:F0} ms") : "n/a",
        };
    }

    /// <summary>The median time of one bucketed allreduce of the model's gradient (flatten, [cast,] allreduce, write back).</summary>
    private static double AllReduceSeconds(nn.Module model, int reps, GradientCompression compression)
    {
        var trainable = model.parameters().Where(p => p.requires_grad).ToArray();
        foreach (var p in trainable)
        {
            p.grad = ones_like(p).DetachFromDisposeScope();
        }

        using var buckets = new GradientBuckets(trainable, new DistributedOptions().BucketSizeMegabytes * 1024L * 1024L, compression);
        var world = MpiCollectives.World;
        double seconds = Measure.MedianSeconds(() => buckets.AllReduceMean(world), warmup: 1, repetitions: reps);
        foreach (var p in trainable)
        {
            p.grad = null;
        }

        return seconds;
    }

    /// <summary>The wall time of each training step.</summary>
    private sealed class StepClock : TrainingHook
    {
        private long _start;

        public List<double> StepSeconds { get; } = new();

        public override void OnTrainBatchStart(TrainingState state, Batch batch) => _start = Stopwatch.GetTimestamp();

        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
        {
            StepSeconds.Add(Stopwatch.GetElapsedTime(_start).TotalSeconds);
            return HookControl.Continue;
        }
    }
}
