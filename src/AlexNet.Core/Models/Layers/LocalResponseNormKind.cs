using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <c>LocalResponseNorm</c>: any shape to the same shape, no weights, runs in float32; ONNX <c>LRN</c> for odd window
/// sizes, written out for even ones.
/// </summary>
internal sealed class LocalResponseNormKind : LayerKind<LocalResponseNorm>
{
    /// <inheritdoc />
    protected override long[]? OutputShape(LocalResponseNorm lrn, long[] input) => input;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(LocalResponseNorm lrn, Tensor x, ScalarType computeType, bool channelsLast) => InFloat32(lrn, x);

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, LocalResponseNorm lrn, string input, long[] inputShape, long[] outputShape) =>
        lrn.size % 2 == 1
            ? graph.Node("LRN", new[] { input }, null, ("size", lrn.size), ("alpha", lrn.alpha), ("beta", lrn.beta), ("bias", lrn.k))
            : EvenWindow(graph, name, input, lrn);

    /// <summary>
    /// PyTorch's LocalResponseNorm written out, for even window sizes, where ONNX's LRN centres the window one channel
    /// differently (PyTorch sums channels c - size/2 to c + (size - 1)/2): x / (k + alpha * mean of the zero-padded
    /// squares over the window)^beta.
    /// </summary>
    private static string EvenWindow(OnnxGraph g, string name, string x, LocalResponseNorm lrn)
    {
        string squares = g.Node("Mul", new[] { x, x });
        string axis1 = g.Int64s("axis1", 1);
        string stacked = g.Node("Unsqueeze", new[] { squares, axis1 });                        // N x 1 x C x H x W
        string pads = g.Int64s("pads", 0, 0, lrn.size / 2, 0, 0, 0, 0, (lrn.size - 1) / 2, 0, 0);
        string padded = g.Node("Pad", new[] { stacked, pads });
        string mean = g.Node("AveragePool", new[] { padded }, null, ("kernel_shape", new[] { lrn.size, 1L, 1L }), ("strides", new[] { 1L, 1L, 1L }));
        string window = g.Node("Squeeze", new[] { mean, axis1 });
        string scaled = g.Node("Mul", new[] { window, g.Weight(g.Name(name + ".alpha"), tensor((float)lrn.alpha)) });
        string shifted = g.Node("Add", new[] { scaled, g.Weight(g.Name(name + ".k"), tensor((float)lrn.k)) });
        string divisor = g.Node("Pow", new[] { shifted, g.Weight(g.Name(name + ".beta"), tensor((float)lrn.beta)) });
        return g.Node("Div", new[] { x, divisor });
    }
}
