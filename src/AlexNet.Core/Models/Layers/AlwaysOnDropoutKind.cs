using System;
using AlexNet.Core.Onnx;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <see cref="AlwaysOnDropout"/>: any shape to the same shape, no weights, runs on whatever dtype arrives; no ONNX
/// mapping, since it drops at inference too and an exported graph would silently behave otherwise.
/// </summary>
internal sealed class AlwaysOnDropoutKind : LayerKind<AlwaysOnDropout>
{
    /// <inheritdoc />
    protected override long[]? OutputShape(AlwaysOnDropout dropout, long[] input) => input;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(AlwaysOnDropout dropout, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(dropout, x);

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, AlwaysOnDropout dropout, string input, long[] inputShape, long[] outputShape) =>
        throw new NotSupportedException($"{name}: ONNX export has no mapping for {nameof(AlwaysOnDropout)} (it drops in evaluation too).");
}
