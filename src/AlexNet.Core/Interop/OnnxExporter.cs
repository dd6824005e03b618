using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using AlexNet.Core.Models;
using AlexNet.Core.Onnx;
using AlexNet.Core.Validation;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// Exports an <see cref="AlexNetModel"/> of any variant to ONNX (opset 17, IR version 8) for inference with ONNX Runtime
/// or any other ONNX runtime: Conv (group 2 for two towers), Relu, LRN, MaxPool, BatchNormalization, adaptive average
/// pooling (AveragePool where PyTorch's bins are uniform, exact Slice + ReduceMean bins where they are not), Flatten,
/// Gemm and LogSoftmax when the model outputs log-probabilities. Dropout is left out (inference graph); batch norm uses
/// the running statistics, as <c>model.eval()</c> does. Weights are initializers; the batch axis is dynamic.
/// </summary>
/// <example>
/// <code>
/// OnnxExporter.Export(model, "alexnet.onnx");
/// using var session = new Microsoft.ML.OnnxRuntime.InferenceSession("alexnet.onnx");
/// </code>
/// </example>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the exported graphs use.</summary>
    internal const int OpsetVersion = 17;

    private const int IrVersion = 8;

    /// <summary>Writes <paramref name="model"/> as an ONNX file at <paramref name="path"/> (atomically).</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid (the message names it).</exception>
    /// <exception cref="ArgumentException">The input size does not pass through the model.</exception>
    /// <exception cref="NotSupportedException">
    /// A layer without an ONNX mapping: <see cref="AlwaysOnDropout"/> (<see cref="ReproductionOptions.DropoutInEvaluation"/>), which drops at inference too.
    /// </exception>
    public static void Export(AlexNetModel model, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(model, options);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The ONNX model (a serialized <c>ModelProto</c>) for <paramref name="model"/>.</summary>
    public static byte[] ToBytes(AlexNetModel model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options = OptionsValidation.ThrowIfInvalid(new OnnxExportOptionsValidator(), options ?? new OnnxExportOptions());
        ImageSize size = options.InputSize ?? model.Descriptor.NominalInputSize;
        long[] inputShape = { 1, model.InputChannels, size.Height, size.Width };
        List<TracedLayer> traced = LayerGeometry.Trace(model.Layers, inputShape)
            ?? throw new ArgumentException(
                $"Variant.{model.Variant} AlexNet cannot take {size.ToSpacedString()} input: {model.DescribeMismatch(inputShape, ScalarType.Float32)}",
                nameof(options));

        var graph = new OnnxGraph();
        string x = options.InputName;
        long[] shape = inputShape;
        bool flattened = false;
        foreach (TracedLayer layer in traced)
        {
            if (layer.Name.StartsWith("classifier.", StringComparison.Ordinal) && !flattened)
            {
                x = graph.Node("Flatten", new[] { x }, null, ("axis", 1L));
                flattened = true;
            }

            x = layer.Kind.ToOnnx(graph, layer.Name, layer.Module, x, shape, layer.OutputShape);
            shape = layer.OutputShape;
        }

        if (model.OutputsLogProbabilities)
        {
            x = graph.Node("LogSoftmax", new[] { x }, null, ("axis", 1L));
        }

        x = graph.Node("Identity", new[] { x }, options.OutputName);
        ProtoWriter graphProto = graph.Build($"AlexNet_{model.Variant}", options.InputName, inputShape, x, model.NumClasses);

        var opset = new ProtoWriter().String(1, string.Empty).Int(2, OpsetVersion);
        return new ProtoWriter()
            .Int(1, IrVersion)
            .String(2, "AlexNet.Core")
            .String(3, typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0")
            .String(6, $"Variant.{model.Variant} AlexNet, {model.NumClasses} classes, input N x {model.InputChannels} x {size.Height} x {size.Width}")
            .Message(7, graphProto)
            .Message(8, opset)
            .ToArray();
    }
}
