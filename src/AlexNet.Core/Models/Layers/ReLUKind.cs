using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary><c>ReLU</c>: any shape to the same shape, no weights, runs on whatever dtype arrives, ONNX <c>Relu</c>.</summary>
internal sealed class ReLUKind : LayerKind<ReLU>
{
    /// <inheritdoc />
    protected override long[]? OutputShape(ReLU relu, long[] input) => input;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(ReLU relu, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(relu, x);

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, ReLU relu, string input, long[] inputShape, long[] outputShape) =>
        graph.Node("Relu", new[] { input });
}
