using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AlexNet.Benchmarks.Models;

/// <summary>
/// "models": forward and forward+backward images per second of each variant at batch 1, 32 and 128 on the CPU, next to
/// a hand-written TorchSharp Sequential of the same layers with the same weights, timed interleaved in the same run so
/// the factory model's overhead (input check, stage calls) is visible.
/// </summary>
/// <remarks>
/// Options: <c>--variants Paper,TorchVision,CifarBatchNorm</c>, <c>--batches 1,32,128</c>, <c>--seconds S</c> (time
/// budget per table row, default 15: repetitions continue until it is spent), <c>--min-reps N</c> (default 3, even
/// past the budget), <c>--max-reps N</c> (default 200), <c>--warmup N</c> (default 1). Each repetition times the
/// factory model and the baseline back to back, alternating which goes first; the table gives the median throughputs, the median of the
/// per-repetition ratios (robust to load that drifts during the run) and their range, which shows how noisy the
/// machine was.
/// </remarks>
public sealed class ModelsBenchmark : IBenchmarkSuite
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public string Name => "models";

    /// <inheritdoc />
    public string Description => "forward and forward+backward img/s per variant and batch size, factory model vs hand-written Sequential";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var variants = (SuiteArgs.Option(args, "--variants") ?? "Paper,TorchVision,CifarBatchNorm").Split(',').Select(Enum.Parse<Variant>).ToList();
        var batches = (SuiteArgs.Option(args, "--batches") ?? "1,32,128").Split(',').Select(b => int.Parse(b, Invariant)).ToList();
        double seconds = SuiteArgs.Double(args, "--seconds", 15);
        int minReps = SuiteArgs.Int(args, "--min-reps", 3);
        int maxReps = SuiteArgs.Int(args, "--max-reps", 200);
        int warmup = SuiteArgs.Int(args, "--warmup", 1);

        output.WriteLine("Median images per second over interleaved repetitions; ratio = median over repetitions of");
        output.WriteLine("factory / baseline throughput, with the range of the per-repetition ratios in brackets.");
        output.WriteLine($"Load average at start: {Measure.LoadAverage("unknown")}");
        output.WriteLine();
        var rows = new List<IReadOnlyList<string>>();
        var clock = Stopwatch.StartNew();
        foreach (Variant variant in variants)
        {
            manual_seed(0);
            using AlexNetModel factory = AlexNetFactory.Create(variant, variant == Variant.CifarBatchNorm ? 10 : 1000);
            using Sequential baseline = Baseline(variant);
            CopyWeights(factory, baseline);
            ImageSize size = factory.Descriptor.NominalInputSize;
            CheckSameOutputs(factory, baseline, size);

            foreach (int batch in batches)
            {
                foreach (bool backward in new[] { false, true })
                {
                    string pass = backward ? "forward+backward" : "forward";
                    if (backward && batch == 1 && variant == Variant.CifarBatchNorm)
                    {
                        rows.Add(new[] { variant.ToString(), $"{size.Height}", $"{batch}", pass, "n/a", "n/a", "BatchNorm1d trains on 2+ images" });
                        continue;
                    }

                    (double[] a, double[] b) = TimeInterleaved(factory, baseline, batch, size, backward, warmup, seconds, minReps, maxReps);
                    double[] paired = a.Zip(b, (x, y) => y / x).ToArray();
                    double ratio = Measure.Median(paired);
                    rows.Add(new[]
                    {
                        variant.ToString(), $"{size.Height}", $"{batch}", pass,
                        Measure.Rate(batch / Measure.Median(a)), Measure.Rate(batch / Measure.Median(b)),
                        string.Create(Invariant, $"{ratio:0.000} [{paired.Min():0.000}-{paired.Max():0.000}] x{paired.Length}"),
                    });
                    Console.Error.WriteLine($"{clock.Elapsed:mm\\:ss} {variant} batch {batch} {pass}: {rows[^1][4]} vs {rows[^1][5]} img/s");
                }
            }
        }

        output.WriteLine(Measure.Table(new[] { "variant", "input", "batch", "pass", "factory img/s", "baseline img/s", "ratio [range] x reps" }, rows));
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"Total time {clock.Elapsed.TotalMinutes:0.0} min; load average at the end: {Measure.LoadAverage("unknown")}."));
        return 0;
    }

    /// <summary>
    /// Times <paramref name="a"/> and <paramref name="b"/> back to back each repetition, alternating the order, until
    /// <paramref name="seconds"/> are spent (at least <paramref name="minReps"/>, at most <paramref name="maxReps"/> timed repetitions).
    /// </summary>
    private static (double[] A, double[] B) TimeInterleaved(nn.Module<Tensor, Tensor> a, nn.Module<Tensor, Tensor> b, int batch, ImageSize size, bool backward,
        int warmup, double seconds, int minReps, int maxReps)
    {
        using var scope = NewDisposeScope();
        Tensor images = randn(batch, 3, size.Height, size.Width);
        Tensor labels = randint(10, batch, dtype: ScalarType.Int64);
        var timesA = new List<double>();
        var timesB = new List<double>();
        long start = Stopwatch.GetTimestamp();
        for (int r = 0; timesA.Count < minReps || (timesA.Count < maxReps && Stopwatch.GetElapsedTime(start).TotalSeconds < seconds); r++)
        {
            bool aFirst = r % 2 == 0;
            double first = Time(aFirst ? a : b, images, labels, backward);
            double second = Time(aFirst ? b : a, images, labels, backward);
            if (r >= warmup)
            {
                timesA.Add(aFirst ? first : second);
                timesB.Add(aFirst ? second : first);
            }
        }

        return (timesA.ToArray(), timesB.ToArray());
    }

    private static double Time(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, bool backward)
    {
        model.train(backward);
        long start = Stopwatch.GetTimestamp();
        using (var scope = NewDisposeScope())
        {
            if (backward)
            {
                model.zero_grad();
                functional.cross_entropy(model.call(images), labels).backward();
            }
            else
            {
                using var noGrad = no_grad();
                model.call(images);
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The same layers as the factory's variant, written out as one plain Sequential.</summary>
    private static Sequential Baseline(Variant variant) => variant switch
    {
        Variant.Paper => Sequential(
            Conv2d(3, 96, 11, stride: 4), ReLU(true), LocalResponseNorm(5, 5e-4, 0.75, 2), MaxPool2d(3, 2),
            Conv2d(96, 256, 5, padding: 2), ReLU(true), LocalResponseNorm(5, 5e-4, 0.75, 2), MaxPool2d(3, 2),
            Conv2d(256, 384, 3, padding: 1), ReLU(true), Conv2d(384, 384, 3, padding: 1), ReLU(true),
            Conv2d(384, 256, 3, padding: 1), ReLU(true), MaxPool2d(3, 2), Flatten(),
            Dropout(0.5), Linear(9216, 4096), ReLU(true), Dropout(0.5), Linear(4096, 4096), ReLU(true), Linear(4096, 1000)),
        Variant.TorchVision => Sequential(
            Conv2d(3, 64, 11, stride: 4, padding: 2), ReLU(true), MaxPool2d(3, 2),
            Conv2d(64, 192, 5, padding: 2), ReLU(true), MaxPool2d(3, 2),
            Conv2d(192, 384, 3, padding: 1), ReLU(true), Conv2d(384, 256, 3, padding: 1), ReLU(true),
            Conv2d(256, 256, 3, padding: 1), ReLU(true), MaxPool2d(3, 2), AdaptiveAvgPool2d((6, 6)), Flatten(),
            Dropout(0.5), Linear(9216, 4096), ReLU(true), Dropout(0.5), Linear(4096, 4096), ReLU(true), Linear(4096, 1000)),
        _ => Sequential(
            Conv2d(3, 64, 3, padding: 2), BatchNorm2d(64), ReLU(true), MaxPool2d(2),
            Conv2d(64, 192, 3, padding: 2), BatchNorm2d(192), ReLU(true), MaxPool2d(2),
            Conv2d(192, 384, 3, padding: 1), BatchNorm2d(384), ReLU(true),
            Conv2d(384, 256, 3, padding: 1), BatchNorm2d(256), ReLU(true),
            Conv2d(256, 256, 3, padding: 1), BatchNorm2d(256), ReLU(true), MaxPool2d(3, 2),
            AdaptiveAvgPool2d((4, 4)), Flatten(),
            Dropout(0.2), Linear(4096, 2048), BatchNorm1d(2048), ReLU(true),
            Dropout(0.2), Linear(2048, 2048), BatchNorm1d(2048), ReLU(true),
            Linear(2048, 10), BatchNorm1d(10)),
    };

    private static void CopyWeights(nn.Module from, nn.Module to)
    {
        using var noGrad = no_grad();
        var source = from.parameters().Concat(from.buffers()).ToList();
        var target = to.parameters().Concat(to.buffers()).ToList();
        if (source.Count != target.Count)
        {
            throw new InvalidOperationException($"baseline has {target.Count} tensors, factory model {source.Count}");
        }

        foreach (var (s, t) in source.Zip(target))
        {
            t.copy_(s);
        }
    }

    /// <summary>Guards the comparison: with the same weights both models must compute the same thing.</summary>
    private static void CheckSameOutputs(nn.Module<Tensor, Tensor> factory, nn.Module<Tensor, Tensor> baseline, ImageSize size)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        factory.eval();
        baseline.eval();
        Tensor input = randn(2, 3, size.Height, size.Width);
        if (!factory.call(input).allclose(baseline.call(input), rtol: 1e-5, atol: 1e-5))
        {
            throw new InvalidOperationException("the baseline does not compute what the factory model computes");
        }
    }
}
