using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Optimization;

/// <summary>
/// Gradient clipping that stays on the device: unlike TorchSharp's <c>clip_grad_norm_</c>, which returns the norm as a
/// double (a host synchronisation every step), the norm here is a tensor and the scale is applied with tensor ops.
/// </summary>
internal static class GradientClipper
{
    /// <summary>Scales the gradients so their total <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/> (as torch.nn.utils.clip_grad_norm_).</summary>
    public static void ClipNorm(IReadOnlyList<Parameter> parameters, double maxNorm, double normType)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToArray();
        if (grads.Length == 0)
        {
            return;
        }

        var norms = stack(grads.Select(g => linalg.vector_norm(g, normType)).ToArray());
        var total = linalg.vector_norm(norms, normType);
        var scale = total.add(1e-6).reciprocal().mul(maxNorm).clamp_max(1.0);
        foreach (var grad in grads)
        {
            grad.mul_(scale.to(grad.dtype));
        }
    }

    /// <summary>Clamps every gradient element to [-<paramref name="maxValue"/>, <paramref name="maxValue"/>].</summary>
    public static void ClipValue(IReadOnlyList<Parameter> parameters, double maxValue)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var p in parameters)
        {
            p.grad?.clamp_(-maxValue, maxValue);
        }
    }
}
