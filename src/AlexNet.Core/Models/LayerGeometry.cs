using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>One layer of a traced forward pass: its state-dict name, the module, its kind, its output shape and its multiply-adds.</summary>
internal sealed record TracedLayer(string Name, nn.Module Module, LayerKind Kind, long[] OutputShape, long MultiplyAdds);

/// <summary>
/// Works out, without running anything, the output shape and multiply-accumulate count of every layer of an
/// AlexNet for an input shape, from each layer's <see cref="LayerKind"/>: the model's input check and
/// <see cref="ModelSummary"/> both read it.
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
    /// <exception cref="NotSupportedException">A layer has no <see cref="LayerKind"/> (see <see cref="LayerKinds.For"/>).</exception>
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

            LayerKind kind = LayerKinds.For(module);
            long[]? output = kind.OutputShape(module, shape);
            if (output is null)
            {
                return null;
            }

            traced.Add(new TracedLayer(name, module, kind, output, kind.MultiplyAdds(module, output)));
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

    /// <summary>
    /// Output (N x <paramref name="channels"/> x H_out x W_out) of a sliding-window layer (convolution or pooling) on
    /// <paramref name="input"/>, or null if the window does not fit.
    /// </summary>
    public static long[]? Window(long[] input, long channels, long[] kernel, long[] stride, long[] padding, long[] dilation, bool ceilMode)
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
}
