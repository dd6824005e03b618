using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Training;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// The train step in "32-true" and "bf16-mixed" for each variant at its recipe's batch size, side by side with the
/// same step in PyTorch (float32 and <c>torch.autocast("cpu", dtype=torch.bfloat16)</c>, the peer script
/// benchmarks/peers/precision_train_step.py run by this suite), and the machine's float32 and bfloat16 matmul peaks
/// measured in the same run, with each row's share of its peak.
/// </summary>
public sealed class PrecisionBenchmark : IBenchmarkSuite
{
    private const string PeerScript = "benchmarks/peers/precision_train_step.py";

    /// <inheritdoc />
    public string Name => "precision";

    /// <inheritdoc />
    public string Description => "train step img/s, 32-true vs bf16-mixed vs PyTorch autocast, share of matmul peak [--cases all] [--steps 2] [--reps 3] [--threads N] [--peak-reps 7] [--python /usr/bin/python3]";

    /// <summary>The rows: each variant at the batch size of a recipe that trains it (docs/samples.md).</summary>
    private static readonly Case[] Cases =
    {
        new("CifarBatchNorm", "cifar10-bn", Variant.CifarBatchNorm, 3, 32, 512),
        new("TorchVision", "torchvision-cifar10", Variant.TorchVision, 3, 224, 128),
        new("CifarBatchNorm-fmnist", "fashion-mnist-quick", Variant.CifarBatchNorm, 1, 28, 128),
        new("Paper", "paper (LRN)", Variant.Paper, 3, 227, 128),
    };

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int steps = SuiteArgs.Int(args, "--steps", 2);
        int reps = SuiteArgs.Int(args, "--reps", 3);
        string python = SuiteArgs.Option(args, "--python") ?? "/usr/bin/python3";
        string[] wanted = (SuiteArgs.Option(args, "--cases") ?? "all").Split(',');
        int threads = SuiteArgs.Int(args, "--threads", torch.get_num_threads());
        torch.set_num_threads(threads);
        output.WriteLine(Invariant($"load average at start: {Measure.LoadAverage("n/a")}; torch threads {threads} (the peer is given the same); {reps} interleaved repetitions of {steps} Trainer.Fit steps per precision, after one warm-up step each; SGD momentum 0.9, random images."));
        int peakReps = SuiteArgs.Int(args, "--peak-reps", 7);
        double fp32Peak = MatmulPeak.Measure(ScalarType.Float32, repetitions: peakReps);
        double bf16Peak = MatmulPeak.Measure(ScalarType.BFloat16, repetitions: peakReps);
        output.WriteLine(Invariant($"matmul peak, best of {peakReps} 2048x2048 products: float32 {fp32Peak:F0} GFLOP/s, bfloat16 {bf16Peak:F0} GFLOP/s ({bf16Peak / fp32Peak:F2}x)."));
        output.WriteLine();
        output.Flush();

        var header = new[] { "variant", "recipe", "input", "batch", "32-true img/s", "bf16-mixed img/s", "bf16 / fp32", "PyTorch fp32 img/s", "PyTorch autocast bf16 img/s", "ours bf16 / PyTorch bf16", "peak share: ours fp32", "ours bf16", "PyTorch fp32", "PyTorch bf16" };
        var rows = new List<IReadOnlyList<string>>();
        var goals = new List<string>();
        var chosen = wanted.Contains("all") ? Cases : wanted.Select(w => Cases.First(c => string.Equals(c.Name, w, StringComparison.OrdinalIgnoreCase))).ToArray();
        foreach (var c in chosen)
        {
            var (fp32, bf16, flops) = MeasureOurs(c, steps, reps);
            var peer = MeasurePeer(c, python, steps, reps, threads, output);
            double ratio = bf16 / fp32;
            rows.Add(new[]
            {
                c.Name, c.Recipe, Invariant($"{c.Channels}x{c.Size}"), Invariant($"{c.Batch}"),
                Measure.Rate(fp32), Measure.Rate(bf16), Invariant($"{ratio:F2}x"),
                peer is null ? "n/a" : Measure.Rate(peer.Value.Fp32), peer is null ? "n/a" : Measure.Rate(peer.Value.Bf16),
                peer is null ? "n/a" : Invariant($"{bf16 / peer.Value.Bf16:F2}x"),
                Share(fp32, flops, fp32Peak), Share(bf16, flops, bf16Peak),
                peer is null ? "n/a" : Share(peer.Value.Fp32, flops, fp32Peak), peer is null ? "n/a" : Share(peer.Value.Bf16, flops, bf16Peak),
            });
            if (c.Variant != Variant.Paper)
            {
                goals.Add(Invariant($"- {c.Name}: bf16-mixed / 32-true = {ratio:F2}x, goal >= 1.6x: ") + (ratio >= 1.6 ? "met" : Invariant($"short by {1.6 - ratio:F2}x")));
            }

            if (c.Variant == Variant.TorchVision)
            {
                goals.Add(Invariant($"- {c.Name}: bf16-mixed / 32-true = {ratio:F2}x, goal >= 2.5x at batch 128 (issue 23): ") + (ratio >= 2.5 ? "met" : Invariant($"short by {2.5 - ratio:F2}x")));
            }

            if (peer is { } p)
            {
                goals.Add(Invariant($"- {c.Name}: bf16-mixed / PyTorch autocast bf16 = {bf16 / p.Bf16:F2}x, goal > 1: ") + (bf16 > p.Bf16 ? "met" : Invariant($"short: {100 * (1 - (bf16 / p.Bf16)):F0}% slower")));
                goals.Add(Invariant($"- {c.Name}: bf16-mixed / PyTorch autocast bf16 = {bf16 / p.Bf16:F2}x, goal >= 1.1x (issue 23): ") + (bf16 >= 1.1 * p.Bf16 ? "met" : Invariant($"short by {1.1 - (bf16 / p.Bf16):F2}x")));
            }

            output.WriteLine(Invariant($"  done {c.Name} at {DateTime.UtcNow:HH:mm:ss} UTC, load {Measure.LoadAverage("n/a")}: ") + string.Join(" | ", rows[^1]));
            output.Flush();
        }

        output.WriteLine();
        output.WriteLine(Measure.Table(header, rows));
        output.WriteLine();
        output.WriteLine("Goals:");
        foreach (string goal in goals)
        {
            output.WriteLine(goal);
        }

        output.WriteLine();
        output.WriteLine(Invariant($"load average at end: {Measure.LoadAverage("n/a")}"));
        return 0;
    }

    private static string Share(double imagesPerSecond, double flopsPerImage, double peakGflops) =>
        Invariant($"{100 * imagesPerSecond * flopsPerImage / 1e9 / peakGflops:F0}%");

    private static (double Fp32, double Bf16, double FlopsPerImage) MeasureOurs(Case c, int steps, int reps)
    {
        random.manual_seed(0);
        using var model = AlexNetFactory.Create(c.Variant, 10, new AlexNetOptions { InputChannels = c.Channels });
        double flops = TrainStepFlops.PerImage(model, c.Channels, c.Size);
        using var warmup = new FixedBatches(1, c.Batch, new long[] { c.Channels, c.Size, c.Size });
        using var source = new FixedBatches(steps, c.Batch, new long[] { c.Channels, c.Size, c.Size });
        TrainingPrecision[] precisions = { TrainingPrecision.True32, TrainingPrecision.Bf16Mixed };
        foreach (var precision in precisions)
        {
            FitOnce(model, precision, warmup);
        }

        var times = precisions.ToDictionary(p => p, _ => new List<double>());
        for (int r = 0; r < reps; r++)
        {
            foreach (var precision in r % 2 == 0 ? precisions : precisions.Reverse())
            {
                times[precision].Add(FitOnce(model, precision, source) / steps);
            }
        }

        return (c.Batch / Measure.Median(times[TrainingPrecision.True32]), c.Batch / Measure.Median(times[TrainingPrecision.Bf16Mixed]), flops);
    }

    /// <summary>Seconds of one Fit over <paramref name="source"/> with a new trainer (built untimed).</summary>
    private static double FitOnce(AlexNetModel model, TrainingPrecision precision, FixedBatches source)
    {
        using var trainer = new Trainer(model, StepOptions(precision));
        long start = Stopwatch.GetTimestamp();
        trainer.Fit(source);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The suite's step: one epoch on the CPU, SGD 0.01 with momentum 0.9 and weight decay 5e-4 (the peer's).</summary>
    internal static TrainerOptions StepOptions(TrainingPrecision precision)
    {
        var options = new TrainerOptions { Epochs = 1, Device = "cpu", Precision = precision, LogInterval = 1000 };
        options.Optimizer.LearningRate = 0.01;
        options.Optimizer.Sgd.Momentum = 0.9;
        options.Optimizer.WeightDecay = 5e-4;
        return options;
    }

    private static (double Fp32, double Bf16)? MeasurePeer(Case c, string python, int steps, int reps, int threads, TextWriter output)
    {
        string script = Path.Combine(FindRepositoryRoot(), PeerScript);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { script, "--variant", c.Variant.ToString(), "--channels", Invariant($"{c.Channels}"), "--size", Invariant($"{c.Size}"), "--batch", Invariant($"{c.Batch}"), "--classes", "10", "--steps", Invariant($"{steps}"), "--reps", Invariant($"{reps}"), "--threads", Invariant($"{threads}") })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                output.WriteLine($"  peer failed for {c.Name} (exit {process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}");
                return null;
            }

            using var json = JsonDocument.Parse(stdout.Trim().Split('\n').Last());
            return (json.RootElement.GetProperty("fp32_img_s").GetDouble(), json.RootElement.GetProperty("bf16_img_s").GetDouble());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output.WriteLine($"  peer not run for {c.Name}: {python} could not start ({e.Message}); install Debian's python3-torch (build/setup-debian.sh).");
            return null;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, PeerScript)))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private sealed record Case(string Name, string Recipe, Variant Variant, int Channels, int Size, int Batch);
}
