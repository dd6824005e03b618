using System;
using AlexNet.Core.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// Runs the layers of a <see cref="Sequential"/> one by one with mixed-precision casts, in place of an autocast
/// (TorchSharp has none): convolutions and Linear layers take their input, weight and bias cast to the compute
/// dtype (the casts are autograd operations, so the float32 weights get float32 gradients); local response
/// normalisation and adaptive average pooling take float32 input; every other layer (batch norm, ReLU, max-pool,
/// dropout) runs on whatever dtype reaches it.
/// </summary>
/// <remarks>
/// Batch norm gets the low-precision activations with its float32 weight, bias and running statistics: LibTorch's
/// mixed-dtype batch-norm kernel accumulates the batch mean and variance in float32 and updates the float32 running
/// statistics, so the statistics are float32 as in PyTorch's autocast, without casting every activation to float32
/// and back (which made the bf16 step slower in a measurement on the shared machine; docs/benchmarks.md).
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

    /// <summary><paramref name="x"/> through one layer under the rules above.</summary>
    public static Tensor Layer(nn.Module layer, Tensor x, ScalarType computeType, bool channelsLast = false)
    {
        switch (layer)
        {
            case Conv2d conv:
                return Convolution(conv, x, computeType, channelsLast);
            case Linear linear:
                return LinearLayer(linear, x, computeType);
            case LocalResponseNorm or AdaptiveAvgPool2d:
                {
                    using Tensor full = ToFloat32(x);
                    return ((nn.Module<Tensor, Tensor>)layer).call(full);
                }

            case nn.Module<Tensor, Tensor> other:
                return other.call(x);
            default:
                throw new InvalidOperationException($"Mixed precision cannot run the layer {layer.GetType().Name}: it does not map a tensor to a tensor.");
        }
    }

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
    public static Tensor ToFloat32(Tensor x) => x.dtype == ScalarType.Float32 ? x.alias() : x.to(ScalarType.Float32);

    private static Tensor Convolution(Conv2d conv, Tensor x, ScalarType computeType, bool channelsLast)
    {
        if (conv.padding_mode != PaddingModes.Zeros || conv.padding_type is not null)
        {
            throw new NotSupportedException($"Mixed precision supports Conv2d with explicit zero padding only; got padding mode {conv.padding_mode}, padding type {conv.padding_type}.");
        }

        using Tensor input = Cast(x, computeType);
        using Tensor cast = Cast(conv.weight!, computeType);
        using Tensor weight = channelsLast ? ToChannelsLast(cast) : cast.alias();
        using Tensor? bias = conv.bias is null ? null : Cast(conv.bias, computeType);
        return nn.functional.conv2d(input, weight, bias, conv.stride, conv.padding, conv.dilation, conv.groups);
    }

    private static Tensor LinearLayer(Linear linear, Tensor x, ScalarType computeType)
    {
        using Tensor input = Cast(x, computeType);
        using Tensor weight = Cast(linear.weight!, computeType);
        using Tensor? bias = linear.bias is null ? null : Cast(linear.bias, computeType);
        return nn.functional.linear(input, weight, bias);
    }

    private static Tensor Cast(Tensor x, ScalarType computeType) => x.dtype == computeType ? x.alias() : x.to(computeType);
}
