using System;
using AlexNet.Core.Onnx;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// A <see cref="LayerKind"/> for modules of type <typeparamref name="TModule"/>: the subclass states its shape rule, its
/// mixed-precision rule and its ONNX nodes on the typed module; multiply-adds default to 0, and initialisation and head
/// reset to nothing (right for layers without weights).
/// </summary>
/// <typeparam name="TModule">The module type, matched exactly.</typeparam>
internal abstract class LayerKind<TModule> : LayerKind
    where TModule : nn.Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public sealed override Type ModuleType => typeof(TModule);

    /// <inheritdoc />
    public sealed override long[]? OutputShape(nn.Module module, long[] input) => OutputShape((TModule)module, input);

    /// <inheritdoc />
    public sealed override long MultiplyAdds(nn.Module module, long[] output) => MultiplyAdds((TModule)module, output);

    /// <inheritdoc />
    public sealed override Tensor ForwardMixed(nn.Module module, Tensor x, ScalarType computeType, bool channelsLast) =>
        ForwardMixed((TModule)module, x, computeType, channelsLast);

    /// <inheritdoc />
    public sealed override string ToOnnx(OnnxGraph graph, string name, nn.Module module, string input, long[] inputShape, long[] outputShape) =>
        ToOnnx(graph, name, (TModule)module, input, inputShape, outputShape);

    /// <inheritdoc />
    public sealed override void Initialise(nn.Module module, WeightInit scheme, bool paperBiasOne) => Initialise((TModule)module, scheme, paperBiasOne);

    /// <inheritdoc />
    public sealed override void ResetForNewHead(nn.Module module, WeightInit scheme) => ResetForNewHead((TModule)module, scheme);

    /// <summary>The output shape for <paramref name="input"/>, or null when <paramref name="module"/> cannot take it.</summary>
    protected abstract long[]? OutputShape(TModule module, long[] input);

    /// <summary>Multiply-accumulates of the weights; 0 unless overridden.</summary>
    protected virtual long MultiplyAdds(TModule module, long[] output) => 0;

    /// <summary>The layer under mixed precision; <see cref="AsArrives"/> and <see cref="InFloat32"/> are the two simple rules.</summary>
    protected abstract Tensor ForwardMixed(TModule module, Tensor x, ScalarType computeType, bool channelsLast);

    /// <summary>The ONNX nodes of the layer; returns the output value's name.</summary>
    protected abstract string ToOnnx(OnnxGraph graph, string name, TModule module, string input, long[] inputShape, long[] outputShape);

    /// <summary>Initialises the layer's weights under <paramref name="scheme"/>; nothing unless overridden.</summary>
    protected virtual void Initialise(TModule module, WeightInit scheme, bool paperBiasOne)
    {
    }

    /// <summary>Re-initialises the layer for a new classification head; nothing unless overridden.</summary>
    protected virtual void ResetForNewHead(TModule module, WeightInit scheme)
    {
    }

    /// <summary>The mixed-precision rule "run on whatever dtype arrives".</summary>
    protected static Tensor AsArrives(TModule module, Tensor x) => module.call(x);

    /// <summary>The mixed-precision rule "run in float32": <paramref name="x"/> is cast to float32 first.</summary>
    protected static Tensor InFloat32(TModule module, Tensor x)
    {
        using Tensor full = MixedPrecisionForward.ToFloat32(x);
        return module.call(full);
    }
}
