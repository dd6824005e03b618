using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// PyTorch's <c>Dropout</c>: any shape to the same shape, no weights, runs on whatever dtype arrives; left out of the
/// ONNX graph (an inference graph, where it is the identity).
/// </summary>
internal sealed class DropoutKind : LayerKind<Dropout>
{
    /// <inheritdoc />
    protected override long[]? OutputShape(Dropout dropout, long[] input) => input;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(Dropout dropout, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(dropout, x);

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, Dropout dropout, string input, long[] inputShape, long[] outputShape) => input;
}
