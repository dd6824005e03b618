using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>The machine's measured matrix-multiply peak in a dtype: the best of several n x n products, in GFLOP/s.</summary>
internal static class MatmulPeak
{
    /// <summary>GFLOP/s of the fastest of <paramref name="repetitions"/> <paramref name="n"/> x n matmuls (2 n^3 flops each) in <paramref name="dtype"/>.</summary>
    public static double Measure(ScalarType dtype, int n = 2048, int repetitions = 7)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var a = randn(new long[] { n, n }, generator: generator).to(dtype);
        var b = randn(new long[] { n, n }, generator: generator).to(dtype);
        a.matmul(b).Dispose();
        double best = double.PositiveInfinity;
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            a.matmul(b).Dispose();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return 2.0 * n * n * n / best / 1e9;
    }
}
