using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <c>MaxPool2d</c>: a sliding window over N x C x H x W (PyTorch's ceil-mode rule included), no weights, runs on
/// whatever dtype arrives, ONNX <c>MaxPool</c>.
/// </summary>
internal sealed class MaxPool2dKind : LayerKind<MaxPool2d>
{
    /// <inheritdoc />
    protected override long[]? OutputShape(MaxPool2d pool, long[] input) =>
        input.Length == 4
            ? LayerGeometry.Window(input, input[1], pool.kernel_size, pool.stride ?? pool.kernel_size, pool.padding ?? new[] { 0L, 0L },
                pool.dilation ?? new[] { 1L, 1L }, pool.ceil_mode)
            : null;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(MaxPool2d pool, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(pool, x);

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, MaxPool2d pool, string input, long[] inputShape, long[] outputShape)
    {
        long[] kernel = pool.kernel_size;
        long[] stride = pool.stride is { Length: > 0 } s ? s : kernel;
        long[] pad = pool.padding is { Length: > 0 } p ? p : new long[] { 0, 0 };
        long[] dilation = pool.dilation is { Length: > 0 } d ? d : new long[] { 1, 1 };
        return graph.Node("MaxPool", new[] { input }, null, ("kernel_shape", kernel), ("strides", stride),
            ("pads", new[] { pad[0], pad[1], pad[0], pad[1] }), ("dilations", dilation), ("ceil_mode", pool.ceil_mode ? 1L : 0L));
    }
}
