using static TorchSharp.torch;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// A model that can run its convolutions and Linear layers in a lower precision while its weights stay float32
/// (TorchSharp has no autocast). The <c>Trainer</c> sets <see cref="ComputeType"/> from
/// <c>TrainerOptions.Precision</c>; <c>AlexNetModel</c> implements it.
/// </summary>
/// <remarks>
/// Implementations cast the input and the weights of each convolution and Linear layer to
/// <see cref="ComputeType"/> inside autograd (so gradients flow back to the float32 weights in float32), and keep
/// batch norm, normalisation layers, pooling to a fixed size, the log-softmax and the returned scores in float32.
/// </remarks>
public interface IMixedPrecisionModule
{
    /// <summary>The dtype of convolutions and Linear layers: null for float32 (no casts), bfloat16 or float16.</summary>
    ScalarType? ComputeType { get; set; }
}
