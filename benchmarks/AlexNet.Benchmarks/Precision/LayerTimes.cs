using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Models;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// Forward and backward time of each layer of a variant on its own, in float32 and in bfloat16 (the mixed-precision
/// forward of <see cref="MixedPrecisionForward.Layer"/>, weight casts included), on the activations the layer sees in
/// the network: where the bf16 / fp32 ratio of the train step comes from, layer by layer, with each weight layer's
/// GFLOP/s. By default each precision runs in the layout the trainer gives it (float32 NCHW as "32-true", bfloat16
/// channels-last as "bf16-mixed"); gradients are dropped before each backward as the trainer drops them. The "all" row
/// is the most the train step's bf16 / fp32 ratio can be when everything outside the layers (optimizer, loss, input)
/// costs nothing. Median of the timed repetitions after one warm-up.
/// </summary>
public sealed class LayerTimes : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "layer-times";

    /// <inheritdoc />
    public string Description => "forward and backward ms per layer, float32 vs bf16-mixed [--variant TorchVision] [--batch 128] [--size 224] [--channels 3] [--reps 3] [--layout trainer|nchw|channels-last]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var variant = Enum.Parse<Variant>(SuiteArgs.Option(args, "--variant") ?? "TorchVision");
        int batch = SuiteArgs.Int(args, "--batch", 128);
        int size = SuiteArgs.Int(args, "--size", variant == Variant.Paper ? 227 : 224);
        int channels = SuiteArgs.Int(args, "--channels", 3);
        int reps = SuiteArgs.Int(args, "--reps", 3);
        string layout = SuiteArgs.Option(args, "--layout") ?? "trainer";
        bool fp32ChannelsLast = layout == "channels-last";
        bool bf16ChannelsLast = layout != "nchw";
        output.WriteLine(Invariant($"load {Measure.LoadAverage("n/a")}, torch threads {torch.get_num_threads()}, {variant} batch {batch} {channels}x{size}, float32 {(fp32ChannelsLast ? "channels-last" : "NCHW")}, bfloat16 {(bf16ChannelsLast ? "channels-last" : "NCHW")}, median of {reps}"));
        double fp32Peak = ConvolutionPeak(ScalarType.Float32, fp32ChannelsLast);
        double bf16Peak = ConvolutionPeak(ScalarType.BFloat16, bf16ChannelsLast);
        output.WriteLine(Invariant($"oneDNN peak (3x3 convolution 64x384x16x16 -> 384, padding 1, best of 5): float32 {fp32Peak:F0} GFLOP/s, bfloat16 {bf16Peak:F0} GFLOP/s ({bf16Peak / fp32Peak:F2}x): the most any layer's bf16 / fp32 ratio can be where both run at their peak"));
        random.manual_seed(0);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels });
        model.train();
        var layers = model.Layers;
        var sequence = layers.Features.children().Select((m, i) => ($"features.{i}", m))
            .Concat(layers.AvgPool is null ? Array.Empty<(string, nn.Module)>() : new[] { ("avgpool", (nn.Module)layers.AvgPool) })
            .Concat(new[] { ("flatten", (nn.Module?)null!) })
            .Concat(layers.Classifier.children().Select((m, i) => ($"classifier.{i}", m)))
            .ToList();
        var rows = new List<IReadOnlyList<string>>();
        var totals = new double[4];
        using var images = randn(batch, channels, size, size);
        Tensor fp32Input = fp32ChannelsLast ? MixedPrecisionForward.ToChannelsLast(images) : images.alias();
        Tensor bf16Input = bf16ChannelsLast ? MixedPrecisionForward.ToChannelsLast(images) : images.alias();
        foreach (var (name, layer) in sequence)
        {
            var (f32Forward, f32Backward, f32Out) = Time(layer, fp32Input, ScalarType.Float32, fp32ChannelsLast, first: name == "features.0", reps);
            var (bfForward, bfBackward, bfOut) = Time(layer, bf16Input, ScalarType.BFloat16, bf16ChannelsLast, first: name == "features.0", reps);
            var kind = layer is null ? null : LayerKinds.For(layer);
            long macs = kind is { IsWeightLayer: true } ? kind.MultiplyAdds(layer!, bfOut.shape) : 0;
            string rate(double fwd, double bwd) => macs == 0 ? "" : Invariant($"{2.0 * macs / fwd / 1e9:F0} / {4.0 * macs / bwd / 1e9:F0}");
            rows.Add(new[]
            {
                name, layer?.GetType().Name ?? "flatten", string.Join("x", bfOut.shape),
                Invariant($"{f32Forward * 1000:F1}"), Invariant($"{f32Backward * 1000:F1}"),
                Invariant($"{bfForward * 1000:F1}"), Invariant($"{bfBackward * 1000:F1}"),
                Invariant($"{(f32Forward + f32Backward) / (bfForward + bfBackward):F2}x"),
                rate(f32Forward, f32Backward), rate(bfForward, bfBackward),
            });
            totals[0] += f32Forward;
            totals[1] += f32Backward;
            totals[2] += bfForward;
            totals[3] += bfBackward;
            fp32Input.Dispose();
            bf16Input.Dispose();
            fp32Input = f32Out;
            bf16Input = bfOut;
        }

        fp32Input.Dispose();
        bf16Input.Dispose();
        rows.Add(new[]
        {
            "all", "", "", Invariant($"{totals[0] * 1000:F1}"), Invariant($"{totals[1] * 1000:F1}"), Invariant($"{totals[2] * 1000:F1}"),
            Invariant($"{totals[3] * 1000:F1}"), Invariant($"{(totals[0] + totals[1]) / (totals[2] + totals[3]):F2}x"), "", "",
        });
        output.WriteLine(Measure.Table(
            new[] { "layer", "type", "output", "fp32 fwd ms", "fp32 bwd ms", "bf16 fwd ms", "bf16 bwd ms", "fp32 / bf16", "fp32 GFLOP/s fwd / bwd", "bf16 GFLOP/s fwd / bwd" },
            rows));
        double fp32All = totals[0] + totals[1], bf16All = totals[2] + totals[3];
        output.WriteLine(Invariant($"Layers alone: float32 {fp32All * 1000:F0} ms, bfloat16 {bf16All * 1000:F0} ms, {fp32All / bf16All:F2}x: the ceiling of the step's bf16 / fp32 ratio while both steps pay the same for the rest (optimizer over float32 weights, loss, input); a 2.5x step would need the bf16 layers within {fp32All / 2.5 * 1000:F0} ms."));
        output.WriteLine(Invariant($"load {Measure.LoadAverage("n/a")}"));
        return 0;
    }

    /// <summary>GFLOP/s of the fastest of five 3x3 convolutions with many channels (compute-bound, run by oneDNN's kernels) in <paramref name="dtype"/>.</summary>
    private static double ConvolutionPeak(ScalarType dtype, bool channelsLast)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var input = randn(new long[] { 64, 384, 16, 16 }, generator: generator).to(dtype);
        var weight = randn(new long[] { 384, 384, 3, 3 }, generator: generator).to(dtype);
        if (channelsLast)
        {
            input = MixedPrecisionForward.ToChannelsLast(input);
            weight = MixedPrecisionForward.ToChannelsLast(weight);
        }

        using (no_grad())
        {
            nn.functional.conv2d(input, weight, padding: new long[] { 1, 1 }).Dispose();
            double best = double.PositiveInfinity;
            for (int i = 0; i < 5; i++)
            {
                long start = Stopwatch.GetTimestamp();
                nn.functional.conv2d(input, weight, padding: new long[] { 1, 1 }).Dispose();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            return 2.0 * 64 * 384 * 16 * 16 * 384 * 9 / best / 1e9;
        }
    }

    /// <summary>Median forward and backward seconds of <paramref name="layer"/> on <paramref name="input"/>; also its output (no graph).</summary>
    private static (double Forward, double Backward, Tensor Output) Time(nn.Module? layer, Tensor input, ScalarType dtype, bool channelsLast, bool first, int reps)
    {
        var forward = new List<double>();
        var backward = new List<double>();
        Tensor? result = null;
        for (int r = 0; r <= reps; r++)
        {
            using var scope = NewDisposeScope();
            foreach (var p in layer?.parameters() ?? Enumerable.Empty<TorchSharp.Modules.Parameter>())
            {
                p.grad = null;
            }

            var leaf = input.detach().requires_grad_(!first);
            var x = first ? leaf : leaf.clone(); // in-place layers (ReLU) may not write to a leaf
            long start = Stopwatch.GetTimestamp();
            var y = layer is null ? x.flatten(1) : MixedPrecisionForward.Layer(layer, x, dtype, channelsLast);
            double f = Stopwatch.GetElapsedTime(start).TotalSeconds;
            using var grad = ones_like(y);
            start = Stopwatch.GetTimestamp();
            if (y.requires_grad)
            {
                y.backward(new[] { grad });
            }

            double b = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (r > 0)
            {
                forward.Add(f);
                backward.Add(b);
            }

            if (r == reps)
            {
                result = y.detach().MoveToOuterDisposeScope();
            }
        }

        return (Measure.Median(forward), Measure.Median(backward), result!);
    }
}
