using System.Collections.Generic;
using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <c>AdaptiveAvgPool2d</c>: N x C x H x W (H, W at least 1) to N x C x OH x OW, no weights, runs on whatever dtype
/// arrives (bfloat16 under bf16-mixed, as in PyTorch's CPU autocast); ONNX
/// <c>AveragePool</c> where PyTorch's bins are uniform, exact Slice + ReduceMean bins where they are not.
/// </summary>
internal sealed class AdaptiveAvgPool2dKind : LayerKind<AdaptiveAvgPool2d>
{
    /// <inheritdoc />
    protected override long[]? OutputShape(AdaptiveAvgPool2d pool, long[] input) =>
        input.Length == 4 && input[2] >= 1 && input[3] >= 1 ? new[] { input[0], input[1], pool.output_size[0], pool.output_size[^1] } : null;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(AdaptiveAvgPool2d pool, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(pool, x);

    /// <summary>
    /// PyTorch's adaptive average pool from H x W to OH x OW: output cell i averages rows floor(i H / OH) to
    /// ceil((i + 1) H / OH) - 1 (and likewise for columns). One AveragePool where every bin has the same width and
    /// stride; otherwise the mean over rows, then over columns, per bin (separable, so exact).
    /// </summary>
    protected override string ToOnnx(OnnxGraph graph, string name, AdaptiveAvgPool2d pool, string input, long[] inputShape, long[] outputShape)
    {
        long h = inputShape[2], w = inputShape[3], oh = outputShape[2], ow = outputShape[3];
        if (h == oh && w == ow)
        {
            return input;
        }

        if (h % oh == 0 && w % ow == 0)
        {
            long[] kernel = { h / oh, w / ow };
            return graph.Node("AveragePool", new[] { input }, null, ("kernel_shape", kernel), ("strides", kernel));
        }

        string rows = Axis(graph, input, axis: 2, h, oh);
        return Axis(graph, rows, axis: 3, w, ow);
    }

    private static string Axis(OnnxGraph g, string x, long axis, long size, long outSize)
    {
        if (size == outSize)
        {
            return x;
        }

        string axes = g.Int64s("axes", axis);
        var bins = new List<string>();
        for (long i = 0; i < outSize; i++)
        {
            long start = i * size / outSize;
            long end = ((i + 1) * size + outSize - 1) / outSize;
            string slice = g.Node("Slice", new[] { x, g.Int64s("start", start), g.Int64s("end", end), axes });
            bins.Add(g.Node("ReduceMean", new[] { slice }, null, ("axes", new[] { axis }), ("keepdims", 1L)));
        }

        return g.Node("Concat", bins.ToArray(), null, ("axis", axis));
    }
}
