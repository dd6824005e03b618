using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>One layer of a traced forward pass: its state-dict name, the module, its output shape and its multiply-adds.</summary>
internal sealed record TracedLayer(string Name, nn.Module Module, long[] OutputShape, long MultiplyAdds);

/// <summary>
/// Works out, without running anything, the output shape and multiply-accumulate count of every layer of an
/// AlexNet for an input shape: the model's input check and <see cref="ModelSummary"/> both read it.
/// </summary>
/// <remarks>
/// Multiply-adds count the multiply-accumulates of the weights only: N x C_out x H_out x W_out x (C_in / groups) x k_h x k_w
/// per convolution and N x in x out per linear layer. Bias additions, ReLU, LRN, pooling and batch norm count 0, as in
/// the usual "0.714 GMACs" of torchvision's AlexNet.
/// </remarks>
internal static class LayerGeometry
{
    /// <summary>
    /// Traces <paramref name="layers"/> for <paramref name="inputShape"/> (N x C x H x W): features, the adaptive pool,
    /// the flatten, then the classifier. Null when some layer cannot take the shape it would receive (an image too small
    /// for a kernel, a flattened size the first linear layer does not accept, the wrong channel count).
    /// </summary>
    public static List<TracedLayer>? Trace(LayerList layers, long[] inputShape)
    {
        var traced = new List<TracedLayer>();
        long[]? shape = inputShape;
        foreach (var (name, module) in Stages(layers))
        {
            if (name.StartsWith("classifier.", StringComparison.Ordinal) && shape.Length == 4)
            {
                shape = new[] { shape[0], shape[1] * shape[2] * shape[3] };
            }

            long[]? output = OutputShape(module, shape);
            if (output is null)
            {
                return null;
            }

            traced.Add(new TracedLayer(name, module, output, MultiplyAdds(module, output)));
            shape = output;
        }

        return traced;
    }

    /// <summary>The layers in forward order with their state-dict names ("features.0", "avgpool", "classifier.6").</summary>
    public static IEnumerable<(string Name, nn.Module Module)> Stages(LayerList layers)
    {
        foreach (var (name, module) in layers.Features.named_children())
        {
            yield return ("features." + name, module);
        }

        if (layers.AvgPool is not null)
        {
            yield return ("avgpool", layers.AvgPool);
        }

        foreach (var (name, module) in layers.Classifier.named_children())
        {
            yield return ("classifier." + name, module);
        }
    }

    private static long[]? OutputShape(nn.Module module, long[] input) => module switch
    {
        Conv2d conv when input.Length == 4 && input[1] == conv.in_channels && conv.padding_type is null =>
            Window(input, conv.out_channels, conv.kernel_size, conv.stride, conv.padding ?? new[] { 0L, 0L }, conv.dilation, ceilMode: false),
        MaxPool2d pool when input.Length == 4 =>
            Window(input, input[1], pool.kernel_size, pool.stride ?? pool.kernel_size, pool.padding ?? new[] { 0L, 0L }, pool.dilation ?? new[] { 1L, 1L }, pool.ceil_mode),
        AdaptiveAvgPool2d pool when input.Length == 4 && input[2] >= 1 && input[3] >= 1 =>
            new[] { input[0], input[1], pool.output_size[0], pool.output_size[^1] },
        Linear linear when input.Length == 2 && input[1] == linear.in_features =>
            new[] { input[0], linear.out_features },
        BatchNorm2d bn when input.Length == 4 && input[1] == bn.num_features => input,
        BatchNorm1d bn when input.Length == 2 && input[1] == bn.num_features => input,
        ReLU or Dropout or AlwaysOnDropout or LocalResponseNorm => input,
        Conv2d or MaxPool2d or AdaptiveAvgPool2d or Linear or BatchNorm2d or BatchNorm1d => null,
        _ => throw new NotSupportedException($"Layer geometry does not know {module.GetType().Name} layers; AlexNet models use Conv2d, ReLU, LocalResponseNorm, MaxPool2d, BatchNorm2d, AdaptiveAvgPool2d, Dropout, AlwaysOnDropout, Linear and BatchNorm1d."),
    };

    /// <summary>Output of a sliding-window layer (convolution or pooling), or null if the window does not fit.</summary>
    private static long[]? Window(long[] input, long channels, long[] kernel, long[] stride, long[] padding, long[] dilation, bool ceilMode)
    {
        var output = new long[] { input[0], channels, 0, 0 };
        for (int axis = 0; axis < 2; axis++)
        {
            long size = input[2 + axis], k = At(kernel, axis), s = At(stride, axis), p = At(padding, axis), d = At(dilation, axis);
            long span = (d * (k - 1)) + 1;
            if (size + (2 * p) < span)
            {
                return null;
            }

            long steps = size + (2 * p) - span;
            long length = (ceilMode ? (steps + s - 1) / s : steps / s) + 1;
            if (ceilMode && (length - 1) * s >= size + p)
            {
                length--; // PyTorch's rule: the last window must start inside the input or the left padding
            }

            output[2 + axis] = length;
        }

        return output;
    }

    private static long At(long[] values, int axis) => values.Length == 1 ? values[0] : values[axis];

    private static long MultiplyAdds(nn.Module module, long[] output) => module switch
    {
        Conv2d conv => output.Aggregate(1L, (a, b) => a * b) * (conv.in_channels / conv.groups) * conv.kernel_size.Aggregate(1L, (a, b) => a * b),
        Linear linear => output[0] * linear.in_features * linear.out_features,
        _ => 0,
    };
}
