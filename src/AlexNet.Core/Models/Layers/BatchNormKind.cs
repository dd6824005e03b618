using AlexNet.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// <c>BatchNorm2d</c> (N x C x H x W) and <c>BatchNorm1d</c> (N x C): the same shape out when C is its feature count;
/// no multiply-adds; runs on whatever dtype arrives (LibTorch's mixed-dtype kernel keeps its statistics in float32);
/// ONNX <c>BatchNormalization</c> with the running statistics; weight 1, bias 0 and fresh statistics in a new head.
/// </summary>
/// <typeparam name="TNorm">BatchNorm2d or BatchNorm1d.</typeparam>
internal sealed class BatchNormKind<TNorm> : LayerKind<TNorm>
    where TNorm : BatchNorm
{
    private readonly int _inputRank;

    /// <summary>A kind for <typeparamref name="TNorm"/> layers that take inputs of <paramref name="inputRank"/> dimensions.</summary>
    public BatchNormKind(int inputRank)
    {
        _inputRank = inputRank;
    }

    /// <summary>True for BatchNorm1d: with one image per batch each feature has a single value, and no variance.</summary>
    public override bool NeedsBatchOfTwoToTrain => _inputRank == 2;

    /// <inheritdoc />
    protected override long[]? OutputShape(TNorm norm, long[] input) =>
        input.Length == _inputRank && input[1] == norm.num_features ? input : null;

    /// <inheritdoc />
    protected override Tensor ForwardMixed(TNorm norm, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(norm, x);

    /// <inheritdoc />
    protected override string ToOnnx(OnnxGraph graph, string name, TNorm norm, string input, long[] inputShape, long[] outputShape) =>
        graph.Node("BatchNormalization",
            new[] { input, graph.Weight(name + ".weight", norm.weight!), graph.Weight(name + ".bias", norm.bias!),
                    graph.Weight(name + ".running_mean", norm.running_mean!), graph.Weight(name + ".running_var", norm.running_var!) },
            null, ("epsilon", norm.eps));

    /// <inheritdoc />
    protected override void ResetForNewHead(TNorm norm, WeightInit scheme)
    {
        norm.weight?.fill_(1.0);
        norm.bias?.zero_();
        norm.running_mean?.zero_();
        norm.running_var?.fill_(1.0);
        norm.num_batches_tracked?.zero_();
    }
}
