using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Training;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// Channels-last against the default layout, in float32 and bf16-mixed, per variant: a fit of a few steps on one model
/// (a trainer per configuration and repetition, built untimed; SGD, cross-entropy), the configurations interleaved
/// within each repetition; the reference is a plain train step of the whole model in bfloat16.
/// </summary>
public sealed class LayoutBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "layout";

    /// <inheritdoc />
    public string Description => "train step img/s: NCHW vs channels-last, float32 vs bf16-mixed [--variant CifarBatchNorm] [--channels 3] [--size 32] [--batch 128] [--steps 4] [--reps 5] [--configs 0,1,2,3,4] [--threads N]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var variant = Enum.Parse<Variant>(SuiteArgs.Option(args, "--variant") ?? "CifarBatchNorm");
        int channels = SuiteArgs.Int(args, "--channels", 3);
        int size = SuiteArgs.Int(args, "--size", 32);
        int batch = SuiteArgs.Int(args, "--batch", 128);
        int steps = SuiteArgs.Int(args, "--steps", 4);
        int reps = SuiteArgs.Int(args, "--reps", 5);
        torch.set_num_threads(SuiteArgs.Int(args, "--threads", torch.get_num_threads()));
        string[] only = (SuiteArgs.Option(args, "--configs") ?? "all").Split(',');
        var configs = new (string Name, TrainingPrecision Precision, bool ChannelsLast)[]
        {
            ("32-true, NCHW", TrainingPrecision.True32, false),
            ("32-true, channels-last", TrainingPrecision.True32, true),
            ("bf16-mixed, NCHW", TrainingPrecision.Bf16Mixed, false),
            ("bf16-mixed, channels-last", TrainingPrecision.Bf16Mixed, true),
            ("reference: the whole model in bfloat16 (model.to(bf16), no float32 master weights)", TrainingPrecision.Bf16Mixed, false),
        }.Where((c, i) => only.Contains("all") || only.Contains(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        output.WriteLine(Invariant($"{variant} {channels}x{size}x{size}, batch {batch}, {reps} repetitions, torch threads {torch.get_num_threads()}, load {Measure.LoadAverage("n/a")}"));
        random.manual_seed(0);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels });
        using var source = new FixedBatches(steps, batch, new long[] { channels, size, size });
        using var images = randn(batch, channels, size, size);
        using var labels = randint(0, 10, batch);
        using var pure = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels });
        pure.to(ScalarType.BFloat16);
        pure.train();
        using var pureOptimizer = optim.SGD(pure.parameters(), 0.01, 0.9, 0, 5e-4);
        using var pureImages = images.to(ScalarType.BFloat16);

        double Step((string Name, TrainingPrecision Precision, bool ChannelsLast) c)
        {
            if (c.Name.StartsWith("reference", StringComparison.Ordinal))
            {
                long pureStart = Stopwatch.GetTimestamp();
                using var pureScope = NewDisposeScope();
                pureOptimizer.zero_grad();
                nn.functional.cross_entropy(pure.call(pureImages).to(ScalarType.Float32), labels).backward();
                pureOptimizer.step();
                return Stopwatch.GetElapsedTime(pureStart).TotalSeconds;
            }

            var options = new TrainerOptions { Epochs = 1, Device = "cpu", Precision = c.Precision, ChannelsLast = c.ChannelsLast, LogInterval = 1000 };
            options.Optimizer.LearningRate = 0.01;
            options.Optimizer.Sgd.Momentum = 0.9;
            options.Optimizer.WeightDecay = 5e-4;
            options.Loss.Kind = LossKind.CrossEntropy;
            using var trainer = new Trainer(model, options);
            long start = Stopwatch.GetTimestamp();
            trainer.Fit(source);
            return Stopwatch.GetElapsedTime(start).TotalSeconds / steps;
        }

        foreach (var c in configs)
        {
            Step(c);
        }

        var times = configs.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < reps; r++)
        {
            for (int i = 0; i < configs.Length; i++)
            {
                int k = (i + r) % configs.Length;
                times[k].Add(Step(configs[k]));
            }
        }

        double baseline = Measure.Median(times[0]);
        output.WriteLine(Measure.Table(
            new[] { "configuration", "median s / step", "img/s", "vs first row" },
            configs.Select((c, i) => (IReadOnlyList<string>)new[] { c.Name, Invariant($"{Measure.Median(times[i]):F3}"), Measure.Rate(batch / Measure.Median(times[i])), Invariant($"{baseline / Measure.Median(times[i]):F2}x") })));
        output.WriteLine(Invariant($"load at end {Measure.LoadAverage("n/a")}"));
        return 0;
    }
}
