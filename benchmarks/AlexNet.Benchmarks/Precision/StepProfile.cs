using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// Where one bf16-mixed train step goes, per variant: the step of <c>Trainer.Fit</c> taken apart (zero_grad, the
/// layer-by-layer forward timed per layer type with <see cref="MixedPrecisionForward.Layer"/>, cross-entropy, backward,
/// SGD step), plus the casts of the float32 weights to bfloat16 timed on their own. CPU tensors compute synchronously,
/// so a stopwatch around each part times it. Median of the timed steps, after one warm-up step.
/// </summary>
public sealed class StepProfile : IBenchmarkSuite
{
    private static readonly (string Name, Variant Variant, int Channels, int Size, int Batch)[] Cases =
    {
        ("CifarBatchNorm", Variant.CifarBatchNorm, 3, 32, 512),
        ("TorchVision", Variant.TorchVision, 3, 224, 128),
        ("CifarBatchNorm-fmnist", Variant.CifarBatchNorm, 1, 28, 128),
        ("Paper", Variant.Paper, 3, 227, 128),
    };

    /// <inheritdoc />
    public string Name => "precision-profile";

    /// <inheritdoc />
    public string Description => "bf16-mixed train step split: forward per layer type, weight casts, loss, backward, optimizer [--cases all] [--steps 3] [--threads N] [--dtype bf16|fp32] [--channels-last]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int steps = SuiteArgs.Int(args, "--steps", 3);
        torch.set_num_threads(SuiteArgs.Int(args, "--threads", torch.get_num_threads()));
        var computeType = SuiteArgs.Option(args, "--dtype") == "fp32" ? ScalarType.Float32 : ScalarType.BFloat16;
        bool channelsLast = args.Contains("--channels-last");
        string[] wanted = (SuiteArgs.Option(args, "--cases") ?? "all").Split(',');
        output.WriteLine(Invariant($"load {Measure.LoadAverage("n/a")}, torch threads {torch.get_num_threads()}, compute {computeType}, channels-last {channelsLast}, median of {steps} steps"));
        foreach (var c in Cases.Where(c => wanted.Contains("all") || wanted.Contains(c.Name)))
        {
            random.manual_seed(0);
            using var model = AlexNetFactory.Create(c.Variant, 10, new AlexNetOptions { InputChannels = c.Channels });
            model.train();
            using var optimizer = optim.SGD(model.parameters(), 0.01, 0.9, 0, 5e-4);
            using var images = randn(c.Batch, c.Channels, c.Size, c.Size);
            using var labels = randint(0, 10, c.Batch);
            var parts = new Dictionary<string, List<double>>();
            for (int s = 0; s <= steps; s++)
            {
                var times = Step(model, optimizer, images, labels, computeType, channelsLast);
                if (s > 0)
                {
                    foreach (var (part, seconds) in times)
                    {
                        parts.TryAdd(part, new List<double>());
                        parts[part].Add(seconds);
                    }
                }
            }

            var medians = parts.ToDictionary(p => p.Key, p => Measure.Median(p.Value));
            double total = medians["step (all parts)"];
            output.WriteLine(Invariant($"{c.Name} batch {c.Batch}: {total * 1000:F0} ms/step, {c.Batch / total:F1} img/s, load {Measure.LoadAverage("n/a")}"));
            output.WriteLine(Measure.Table(
                new[] { "part", "ms", "share of step" },
                medians.Select(m => (IReadOnlyList<string>)new[] { m.Key, Invariant($"{m.Value * 1000:F1}"), Invariant($"{100 * m.Value / total:F0}%") })));
            output.Flush();
        }

        return 0;
    }

    private static List<(string Part, double Seconds)> Step(AlexNetModel model, optim.Optimizer optimizer, Tensor images, Tensor labels, ScalarType computeType, bool channelsLast)
    {
        var times = new List<(string, double)>();
        long stepStart = Stopwatch.GetTimestamp();
        long start = stepStart;

        void Lap(string part)
        {
            long now = Stopwatch.GetTimestamp();
            times.Add((part, Stopwatch.GetElapsedTime(start, now).TotalSeconds));
            start = now;
        }

        using (NewDisposeScope())
        {
            using (no_grad())
            {
                foreach (var p in model.parameters().Where(p => p.dim() > 1))
                {
                    p.to(computeType).Dispose();
                }
            }

            Lap("weight casts alone (not in the step; repeated inside conv/linear)");
            stepStart = start;
            optimizer.zero_grad();
            Lap("zero_grad");
            var perType = new Dictionary<string, double>();
            Tensor x = channelsLast ? MixedPrecisionForward.ToChannelsLast(images) : images;
            var layers = model.Layers;
            var sequence = layers.Features.children().Concat(layers.AvgPool is null ? Array.Empty<nn.Module>() : new nn.Module[] { layers.AvgPool });
            foreach (var layer in sequence)
            {
                long t = Stopwatch.GetTimestamp();
                x = MixedPrecisionForward.Layer(layer, x, computeType, channelsLast);
                string key = "forward " + layer.GetType().Name;
                perType[key] = perType.GetValueOrDefault(key) + Stopwatch.GetElapsedTime(t).TotalSeconds;
            }

            long flat = Stopwatch.GetTimestamp();
            x = x.flatten(1);
            perType["forward flatten"] = Stopwatch.GetElapsedTime(flat).TotalSeconds;
            foreach (var layer in layers.Classifier.children())
            {
                long t = Stopwatch.GetTimestamp();
                x = MixedPrecisionForward.Layer(layer, x, computeType);
                string key = "forward " + layer.GetType().Name;
                perType[key] = perType.GetValueOrDefault(key) + Stopwatch.GetElapsedTime(t).TotalSeconds;
            }

            start = Stopwatch.GetTimestamp();
            var scores = MixedPrecisionForward.ToFloat32(x);
            Lap("forward scores to float32");
            times.AddRange(perType.Select(p => (p.Key, p.Value)));
            var loss = nn.functional.cross_entropy(scores, labels);
            Lap("cross-entropy");
            loss.backward();
            Lap("backward (all layers, casts' gradients included)");
            optimizer.step();
            Lap("optimizer step (SGD momentum, weight decay)");
        }

        Lap("dispose scope");
        times.Add(("step (all parts)", Stopwatch.GetElapsedTime(stepStart).TotalSeconds));
        return times;
    }
}
