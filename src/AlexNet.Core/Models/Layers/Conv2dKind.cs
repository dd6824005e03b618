using System;
using System.Linq;
using AlexNet.Core.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <c>Conv2d</c> with explicit padding: a sliding window over N x C x H x W; multiply-adds N x C_out x H_out x W_out x
/// (C_in / groups) x k_h x k_w; computes in the compute dtype with its weight and bias cast (channels-last weight when
/// asked; a convolution of one input channel then runs as <see cref="SingleChannelConvolution"/>); ONNX <c>Conv</c>; a
/// weight layer of the <see cref="WeightInit"/> schemes.
/// </summary>
internal sealed class Conv2dKind : LayerKind<Conv2d>
{
    /// <inheritdoc />
    public override bool IsWeightLayer => true;

    /// <inheritdoc />
    protected override long[]? OutputShape(Conv2d conv, long[] input) =>
        input.Length == 4 && input[1] == conv.in_channels && conv.padding_type is null
            ? LayerGeometry.Window(input, conv.out_channels, conv.kernel_size, conv.stride, conv.padding ?? new[] { 0L, 0L }, conv.dilation, ceilMode: false)
            : null;

    /// <inheritdoc />
    protected override long MultiplyAdds(Conv2d conv, long[] output) =>
        output.Aggregate(1L, (a, b) => a * b) * (conv.in_channels / conv.groups) * conv.kernel_size.Aggregate(1L, (a, b) => a * b);

    /// <inheritdoc />
    protected override Tensor ForwardMixed(Conv2d conv, Tensor x, ScalarType computeType, bool channelsLast)
    {
        if (conv.padding_mode != PaddingModes.Zeros || conv.padding_type is not null)
        {
            throw new NotSupportedException(
                $"Mixed precision supports Conv2d with explicit zero padding only; got padding mode {conv.padding_mode}, padding type {conv.padding_type}.");
        }

        using Tensor input = MixedPrecisionForward.Cast(x, computeType);
        using Tensor cast = MixedPrecisionForward.Cast(conv.weight!, computeType);
        using Tensor? bias = conv.bias is null ? null : MixedPrecisionForward.Cast(conv.bias, computeType);
        if (channelsLast && SingleChannelConvolution.Applies(conv) && OutputShape(conv, input.shape) is { } outputShape)
        {
            return SingleChannelConvolution.Forward(conv, input, cast, bias, outputShape);
        }

        using Tensor weight = channelsLast ? MixedPrecisionForward.ToChannelsLast(cast) : cast.alias();
        return nn.functional.conv2d(input, weight, bias, conv.stride, conv.padding, conv.dilation, conv.groups);
    }

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, Conv2d conv, string input, long[] inputShape, long[] outputShape)
    {
        long[] pad = conv.padding ?? new long[] { 0, 0 };
        return graph.Node("Conv", new[] { input, graph.Weight(name + ".weight", conv.weight!), graph.Weight(name + ".bias", conv.bias!) }, null,
            ("kernel_shape", conv.kernel_size), ("strides", conv.stride), ("pads", new[] { pad[0], pad[1], pad[0], pad[1] }),
            ("dilations", conv.dilation), ("group", conv.groups));
    }

    /// <inheritdoc />
    protected override void Initialise(Conv2d conv, WeightInit scheme, bool paperBiasOne) =>
        WeightInitialization.Initialise(conv.weight!, conv.bias, scheme, paperBiasOne);

    /// <inheritdoc />
    protected override void ResetForNewHead(Conv2d conv, WeightInit scheme) => WeightInitialization.Reset(conv.weight!, conv.bias, scheme);
}
