#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.IO;
using AlexNet.Benchmarks.Harness;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Transforms;

public sealed class ProbeScratch : IBenchmarkSuite
{
    public string Name => "probe";
    public string Description => "scratch";
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        TorchSharp.torch.set_num_threads(args.Count > 0 ? int.Parse(args[0]) : 2);
        using var u8 = randint(0, 256, new long[] { 512, 3, 32, 32 }, dtype: ScalarType.Byte);
        using var f = u8.to(ScalarType.Float32);
        using var idx = randint(0, 32, new long[] { 512, 1, 1, 32 }, dtype: ScalarType.Int64).expand(512, 3, 32, 32);
        using var idxc = idx.contiguous();
        void T(string name, Func<Tensor> op)
        {
            double s = Measure.MedianSeconds(() => { using var r = op(); }, 3, 9);
            output.WriteLine($"{name,-40} {s * 1000:F3} ms");
        }
        using var x = rand(128, 3, 32, 32);
        using var fac = rand(128, 1, 1, 1);
        using var maxc = x.amax(new long[] { 1 }, keepdim: true);
        using var r = x.narrow(1, 0, 1);
        using var eqm = maxc.eq(r);
        using var p1 = rand(128, 1, 32, 32);
        T("hue 128", () => AlexNet.Data.Transforms.ColorOpsProbe.Hue(x, fac));
        using var big = rand(512, 3, 32, 32);
        using var g1 = new Generator(1);
        foreach (var (name, cj) in new (string, AlexNet.Data.Transforms.ColorJitter)[] {
            ("all", new(0.2, 0.2, 0.2, 0.1)), ("no hue", new(0.2, 0.2, 0.2, 0)), ("hue only", new(0, 0, 0, 0.1)),
            ("brightness only", new(0.2, 0, 0, 0)), ("contrast only", new(0, 0.2, 0, 0)), ("saturation only", new(0, 0, 0.2, 0)) })
        {
            T("ColorJitter 512 " + name, () => cj.Apply(big, g1));
        }
        return 0;
    }
}
