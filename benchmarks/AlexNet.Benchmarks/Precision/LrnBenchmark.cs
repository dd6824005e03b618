using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// Local response normalisation forward + backward on the paper's first LRN input (N x 96 x 55 x 55, bf16,
/// channels-last, as bf16-mixed gives it), each formulation timed on the same tensors: LibTorch's
/// LocalResponseNorm in float32 (pad + avg_pool3d), and window sums of squares written with other operations.
/// </summary>
public sealed class LrnBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "lrn";

    /// <inheritdoc />
    public string Description => "LocalResponseNorm forward+backward formulations on N x 96 x 55 x 55 bf16 channels-last; --ops: single element-wise ops [--batch 128] [--reps 3] [--ops]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int batch = SuiteArgs.Int(args, "--batch", 128);
        int reps = SuiteArgs.Int(args, "--reps", 3);
        random.manual_seed(0);
        using var nchw = nn.functional.relu(randn(batch, 96, 55, 55)).to(ScalarType.BFloat16);
        using var nhwc = nchw.permute(0, 2, 3, 1).contiguous();
        using var input = nhwc.permute(0, 3, 1, 2);
        using var gradOut = randn_like(input, ScalarType.Float32);
        using var module = nn.LocalResponseNorm(5, 5e-4, 0.75, 2.0);
        var forms = new (string Name, Func<Tensor, Tensor> Forward)[]
        {
            ("LibTorch LocalResponseNorm, float32", x => { using var f = x.to(ScalarType.Float32); return module.forward(f); }),
            ("sum of 5 channel slices, float32", x => Slices(x, 5, 5e-4, 0.75, 2.0)),
            ("avg_pool1d over the NHWC view, float32", x => Pool1d(x, 5, 5e-4, 0.75, 2.0)),
        };
        output.WriteLine(Invariant($"load {Measure.LoadAverage("n/a")}, batch {batch}, median of {reps}"));
        if (args.Contains("--ops"))
        {
            using var f32 = input.to(ScalarType.Float32);
            using var plain = nchw.to(ScalarType.Float32);
            var ops = new (string, Func<Tensor>)[]
            {
                ("to float32", () => input.to(ScalarType.Float32)),
                ("mul", () => f32 * f32),
                ("mul contiguous", () => plain * plain),
                ("mul scalar add scalar", () => f32 * 0.1 + 2.0),
                ("pow 0.75", () => f32.pow(0.75)),
                ("pow 0.75 contiguous", () => plain.pow(0.75)),
                ("rsqrt", () => f32.rsqrt()),
                ("div", () => f32 / f32),
                ("exp", () => f32.exp()),
            };
            foreach (var (op, make) in ops)
            {
                double s = Measure.MedianSeconds(() => make().Dispose(), 1, reps);
                output.WriteLine(Invariant($"{op}: {s * 1000:F1} ms"));
            }
        }

        var rows = new List<IReadOnlyList<string>>();
        using Tensor reference = Run(forms[0].Forward, input, gradOut, out Tensor referenceGrad);
        foreach (var (name, forward) in forms)
        {
            double forwardSeconds = Measure.MedianSeconds(() => { using var _ = NewDisposeScope(); using (no_grad()) { forward(input); } }, 1, reps);
            double bothSeconds = Measure.MedianSeconds(() => { using var _ = NewDisposeScope(); Run(forward, input, gradOut, out Tensor _); }, 1, reps);
            using var scope = NewDisposeScope();
            Tensor result = Run(forward, input, gradOut, out Tensor grad);
            double outErr = (result.to(ScalarType.Float32) - reference).abs().max().item<float>();
            double gradErr = (grad - referenceGrad).abs().max().item<float>();
            rows.Add(new[] { name, Invariant($"{forwardSeconds * 1000:F0}"), Invariant($"{bothSeconds * 1000:F0}"), Invariant($"{outErr:E1}"), Invariant($"{gradErr:E1}") });
        }

        referenceGrad.Dispose();
        output.WriteLine(Measure.Table(new[] { "formulation", "forward ms", "forward + backward ms", "max |out - LibTorch|", "max |grad - LibTorch|" }, rows));
        return 0;
    }

    private static Tensor Run(Func<Tensor, Tensor> forward, Tensor input, Tensor gradOut, out Tensor grad)
    {
        using var leaf = input.detach().requires_grad_(true);
        Tensor y = forward(leaf);
        using var f = y.to(ScalarType.Float32);
        using var loss = (f * gradOut).sum();
        loss.backward();
        grad = leaf.grad!.to(ScalarType.Float32);
        return f.detach();
    }

    private static Tensor Slices(Tensor x, int size, double alpha, double beta, double k)
    {
        using var f = x.to(ScalarType.Float32);
        using var sq = f * f;
        using var padded = nn.functional.pad(sq, new long[] { 0, 0, 0, 0, size / 2, (size - 1) / 2 });
        long c = x.shape[1];
        Tensor sum = padded.narrow(1, 0, c);
        for (int i = 1; i < size; i++)
        {
            using var slice = padded.narrow(1, i, c);
            var next = sum + slice;
            sum.Dispose();
            sum = next;
        }

        using (sum)
        using (var div = (sum * (alpha / size) + k).pow(beta))
        {
            return f / div;
        }
    }

    private static Tensor Pool1d(Tensor x, int size, double alpha, double beta, double k)
    {
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        using var f = x.to(ScalarType.Float32);
        using var sq = f * f;
        using var nhwc = sq.permute(0, 2, 3, 1);
        using var rows = nhwc.reshape(n * h * w, 1, c);
        using var mean = nn.functional.avg_pool1d(rows, size, 1, size / 2, false, true);
        using var back = mean.reshape(n, h, w, c).permute(0, 3, 1, 2);
        using var div = (back * alpha + k).pow(beta);
        return f / div;
    }
}
