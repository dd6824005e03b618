using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>Comparisons and set-ups the interop tests share.</summary>
public static class InteropAssert
{
    /// <summary>Every element of <paramref name="actual"/> within <paramref name="relative"/> of the largest magnitude of <paramref name="expected"/>.</summary>
    public static void Close(Tensor actual, Tensor expected, string what, double relative = 1e-4)
    {
        actual.shape.Should().Equal(expected.shape, what);
        float[] a = actual.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        float[] e = expected.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        double scale = e.Max(v => Math.Abs((double)v));
        double worst = a.Zip(e, (x, y) => Math.Abs((double)x - y)).Max();
        worst.Should().BeLessThanOrEqualTo(relative * scale, $"{what}: largest difference {worst:g3} against largest magnitude {scale:g3}");
    }

    /// <summary>Same shape, type and every element equal.</summary>
    public static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && (a.NumberOfElements == 0 || (a == b).all().item<bool>());

    /// <summary>Copies of every state-dict tensor, to compare after an operation that must not change them.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());

    /// <summary>Each tensor of <paramref name="model"/> equals its <paramref name="snapshot"/> copy exactly.</summary>
    public static void Unchanged(nn.Module model, Dictionary<string, Tensor> snapshot)
    {
        foreach (var (key, value) in model.state_dict())
        {
            InteropAssert.Same(value, snapshot[key]).Should().BeTrue($"{key} must be unchanged");
        }
    }

    /// <summary>Random running statistics and affine parameters for every batch-norm layer, so that they matter in eval mode.</summary>
    public static void RandomiseBatchNorm(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            if (module is BatchNorm1d or BatchNorm2d)
            {
                dynamic norm = module;
                ((Tensor)norm.running_mean).uniform_(-0.2, 0.2);
                ((Tensor)norm.running_var).uniform_(0.5, 1.5);
                ((Tensor)norm.weight).uniform_(0.5, 1.5);
                ((Tensor)norm.bias).uniform_(-0.2, 0.2);
            }
        }
    }
}
