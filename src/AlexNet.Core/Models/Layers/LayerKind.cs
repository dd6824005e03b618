using System;
using AlexNet.Core.Onnx;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// Everything the library knows about one type of layer: its output shape and multiply-adds
/// (<see cref="LayerGeometry"/>), how it runs under mixed precision (<see cref="MixedPrecisionForward"/>), its ONNX
/// nodes (<c>OnnxExporter</c>), its weights under each <see cref="WeightInit"/> scheme (<see cref="WeightInitialization"/>)
/// and what a new classification head does to it (<c>TransferLearning.ResetHead</c>). <see cref="LayerKinds"/> finds
/// the kind of a module; subclass <see cref="LayerKind{TModule}"/> to add one.
/// </summary>
internal abstract class LayerKind
{
    /// <summary>The module type this kind describes; <see cref="LayerKinds"/> matches it exactly (not subclasses).</summary>
    public abstract Type ModuleType { get; }

    /// <summary>
    /// True for convolutions and fully connected layers: the layers the <see cref="WeightInit"/> schemes are about and
    /// the paper's numbering counts ("conv2", "FC7"). The classification head starts at the classifier's last one.
    /// </summary>
    public virtual bool IsWeightLayer => false;

    /// <summary>True when the layer cannot train on a batch of one image (it normalises each feature over the batch alone).</summary>
    public virtual bool NeedsBatchOfTwoToTrain => false;

    /// <summary>The output shape for <paramref name="input"/>, or null when the layer cannot take that shape.</summary>
    public abstract long[]? OutputShape(nn.Module module, long[] input);

    /// <summary>Multiply-accumulates of the weights for an output of <paramref name="output"/> (0 for layers without weights).</summary>
    public abstract long MultiplyAdds(nn.Module module, long[] output);

    /// <summary>
    /// <paramref name="x"/> through the layer under mixed precision: cast to <paramref name="computeType"/> with the
    /// weights, run in float32, or run on whatever dtype arrives. The caller owns the result (it may be
    /// <paramref name="x"/> itself for an in-place layer).
    /// </summary>
    public abstract Tensor ForwardMixed(nn.Module module, Tensor x, ScalarType computeType, bool channelsLast);

    /// <summary>
    /// Adds the ONNX nodes computing the layer to <paramref name="graph"/> (weights named after <paramref name="name"/>,
    /// the state-dict prefix) and returns the name of the output value.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer has no ONNX equivalent.</exception>
    public abstract string ToOnnx(OnnxGraph graph, string name, nn.Module module, string input, long[] inputShape, long[] outputShape);

    /// <summary>
    /// Initialises a freshly built layer under <paramref name="scheme"/> (never <see cref="WeightInit.PyTorchDefault"/>:
    /// the constructors already did that); <paramref name="paperBiasOne"/> is the paper's bias-one rule for this position.
    /// </summary>
    public abstract void Initialise(nn.Module module, WeightInit scheme, bool paperBiasOne);

    /// <summary>Re-initialises the layer when it is part of a classification head being replaced (a no-op for layers without state).</summary>
    public abstract void ResetForNewHead(nn.Module module, WeightInit scheme);
}
