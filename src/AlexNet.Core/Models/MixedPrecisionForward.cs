using System;
using AlexNet.Core.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// Runs the layers of a <see cref="Sequential"/> one by one with mixed-precision casts, in place of an autocast
/// (TorchSharp has none), each by the rule of its <see cref="LayerKind"/>: convolutions and Linear layers take their
/// input, weight and bias cast to the compute dtype (the casts are autograd operations, so the float32 weights get
/// float32 gradients); local response normalisation takes float32 input; every other layer (batch norm, ReLU,
/// max-pool, adaptive average pool, dropout, flatten) runs on whatever dtype reaches it, so activations stay in the
/// compute dtype from the first convolution to the scores (PyTorch's CPU autocast runs these layers the same way).
/// </summary>
/// <remarks>
/// Batch norm gets the low-precision activations with its float32 weight, bias and running statistics: LibTorch's
/// mixed-dtype batch-norm kernel accumulates the batch mean and variance in float32 and updates the float32 running
/// statistics, so the statistics are float32 as in PyTorch's autocast, without casting every activation to float32
/// and back (docs/benchmarks.md compares the two).
/// </remarks>
internal static class MixedPrecisionForward
{
    /// <summary>
    /// <paramref name="input"/> through every child of <paramref name="layers"/>. Intermediate results are disposed
    /// (autograd keeps what it needs); the caller owns the result.
    /// </summary>
    public static Tensor Run(Sequential layers, Tensor input, ScalarType computeType, bool channelsLast = false)
    {
        Tensor x = input;
        foreach (var layer in layers.children())
        {
            Tensor next = Layer(layer, x, computeType, channelsLast);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(next, x))
            {
                x.Dispose();
            }

            x = next;
        }

        return x;
    }

    /// <summary><paramref name="x"/> through one layer under the rules above: its <see cref="LayerKind.ForwardMixed"/>.</summary>
    /// <exception cref="NotSupportedException">A layer has no <see cref="LayerKind"/> (see <see cref="LayerKinds.For"/>).</exception>
    public static Tensor Layer(nn.Module layer, Tensor x, ScalarType computeType, bool channelsLast = false) =>
        LayerKinds.For(layer).ForwardMixed(layer, x, computeType, channelsLast);

    /// <summary>
    /// <paramref name="x"/> (N x C x H x W) with channels-last strides (N x H x W x C in memory), same values and
    /// shape; LibTorch's convolutions then pick their channels-last kernels and keep that layout in their outputs.
    /// </summary>
    public static Tensor ToChannelsLast(Tensor x)
    {
        using Tensor nhwc = x.permute(0, 2, 3, 1);
        using Tensor packed = nhwc.contiguous();
        return packed.permute(0, 3, 1, 2);
    }

    /// <summary>A float32 version of <paramref name="x"/> (a new handle on the same tensor when it already is).</summary>
    public static Tensor ToFloat32(Tensor x) => Cast(x, ScalarType.Float32);

    /// <summary><paramref name="x"/> in <paramref name="computeType"/> (a new handle on the same tensor when it already is).</summary>
    public static Tensor Cast(Tensor x, ScalarType computeType) => x.dtype == computeType ? x.alias() : x.to(computeType);
}
