using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <c>Linear</c> on N x in: multiply-adds N x in x out; computes in the compute dtype with its weight and bias cast;
/// ONNX <c>Gemm</c> (transB); a weight layer of the <see cref="WeightInit"/> schemes, and the start of the head.
/// </summary>
internal sealed class LinearKind : LayerKind<Linear>
{
    /// <inheritdoc />
    public override bool IsWeightLayer => true;

    /// <inheritdoc />
    protected override long[]? OutputShape(Linear linear, long[] input) =>
        input.Length == 2 && input[1] == linear.in_features ? new[] { input[0], linear.out_features } : null;

    /// <inheritdoc />
    protected override long MultiplyAdds(Linear linear, long[] output) => output[0] * linear.in_features * linear.out_features;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(Linear linear, Tensor x, ScalarType computeType, bool channelsLast)
    {
        using Tensor input = MixedPrecisionForward.Cast(x, computeType);
        using Tensor weight = MixedPrecisionForward.Cast(linear.weight!, computeType);
        using Tensor? bias = linear.bias is null ? null : MixedPrecisionForward.Cast(linear.bias, computeType);
        return nn.functional.linear(input, weight, bias);
    }

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, Linear linear, string input, long[] inputShape, long[] outputShape)
    {
        var inputs = linear.bias is null
            ? new[] { input, graph.Weight(name + ".weight", linear.weight!) }
            : new[] { input, graph.Weight(name + ".weight", linear.weight!), graph.Weight(name + ".bias", linear.bias) };
        return graph.Node("Gemm", inputs, null, ("transB", 1L));
    }

    /// <inheritdoc />
    protected override void Initialise(Linear linear, WeightInit scheme, bool paperBiasOne) =>
        WeightInitialization.Initialise(linear.weight!, linear.bias, scheme, paperBiasOne);

    /// <inheritdoc />
    protected override void ResetForNewHead(Linear linear, WeightInit scheme) => WeightInitialization.Reset(linear.weight!, linear.bias, scheme);
}
