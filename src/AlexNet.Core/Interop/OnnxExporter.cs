using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using AlexNet.Core.Models;
using AlexNet.Core.Validation;
using TorchSharp.Modules;
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
    public const int OpsetVersion = 17;

    private const int IrVersion = 8;

    /// <summary>Writes <paramref name="model"/> as an ONNX file at <paramref name="path"/> (atomically).</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid (the message names it).</exception>
    /// <exception cref="ArgumentException">The input size does not pass through the model.</exception>
    /// <exception cref="NotSupportedException">A layer the exporter has no mapping for (none in the models AlexNetFactory builds).</exception>
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
        InputSize size = options.InputSize ?? model.NominalInputSize;
        long[] inputShape = { 1, model.InputChannels, size.Height, size.Width };
        List<TracedLayer> traced = LayerGeometry.Trace(model.Layers, inputShape)
            ?? throw new ArgumentException($"Variant.{model.Variant} AlexNet cannot take {size} input: {model.DescribeMismatch(inputShape, ScalarType.Float32)}", nameof(options));

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

            x = Layer(graph, layer.Name, layer.Module, x, shape, layer.OutputShape);
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

    private static string Layer(OnnxGraph g, string name, nn.Module module, string x, long[] inShape, long[] outShape)
    {
        switch (module)
        {
            case Conv2d conv:
            {
                long[] pad = conv.padding ?? new long[] { 0, 0 };
                return g.Node("Conv", new[] { x, g.Weight(name + ".weight", conv.weight!), g.Weight(name + ".bias", conv.bias!) }, null,
                    ("kernel_shape", conv.kernel_size), ("strides", conv.stride), ("pads", new[] { pad[0], pad[1], pad[0], pad[1] }),
                    ("dilations", conv.dilation), ("group", conv.groups));
            }

            case ReLU:
                return g.Node("Relu", new[] { x });
            case Dropout:
                return x;
            case LocalResponseNorm lrn:
                return lrn.size % 2 == 1
                    ? g.Node("LRN", new[] { x }, null, ("size", lrn.size), ("alpha", lrn.alpha), ("beta", lrn.beta), ("bias", lrn.k))
                    : EvenLocalResponseNorm(g, name, x, lrn);
            case MaxPool2d pool:
            {
                long[] kernel = pool.kernel_size;
                long[] stride = pool.stride is { Length: > 0 } s ? s : kernel;
                long[] pad = pool.padding is { Length: > 0 } p ? p : new long[] { 0, 0 };
                long[] dilation = pool.dilation is { Length: > 0 } d ? d : new long[] { 1, 1 };
                return g.Node("MaxPool", new[] { x }, null, ("kernel_shape", kernel), ("strides", stride),
                    ("pads", new[] { pad[0], pad[1], pad[0], pad[1] }), ("dilations", dilation), ("ceil_mode", pool.ceil_mode ? 1L : 0L));
            }

            case BatchNorm norm:
                return g.Node("BatchNormalization",
                    new[] { x, g.Weight(name + ".weight", norm.weight!), g.Weight(name + ".bias", norm.bias!),
                            g.Weight(name + ".running_mean", norm.running_mean!), g.Weight(name + ".running_var", norm.running_var!) },
                    null, ("epsilon", norm.eps));

            case AdaptiveAvgPool2d:
                return AdaptiveAveragePool(g, x, inShape[2], inShape[3], outShape[2], outShape[3]);
            case Linear linear:
            {
                var inputs = linear.bias is null
                    ? new[] { x, g.Weight(name + ".weight", linear.weight!) }
                    : new[] { x, g.Weight(name + ".weight", linear.weight!), g.Weight(name + ".bias", linear.bias) };
                return g.Node("Gemm", inputs, null, ("transB", 1L));
            }

            default:
                throw new NotSupportedException($"{name}: ONNX export has no mapping for {module.GetType().Name}.");
        }
    }

    /// <summary>
    /// PyTorch's LocalResponseNorm written out, for even window sizes, where ONNX's LRN centres the window one channel
    /// differently (PyTorch sums channels c - size/2 to c + (size - 1)/2): x / (k + alpha * mean of the zero-padded
    /// squares over the window)^beta.
    /// </summary>
    private static string EvenLocalResponseNorm(OnnxGraph g, string name, string x, LocalResponseNorm lrn)
    {
        string squares = g.Node("Mul", new[] { x, x });
        string axis1 = g.Int64s("axis1", 1);
        string stacked = g.Node("Unsqueeze", new[] { squares, axis1 });                        // N x 1 x C x H x W
        string pads = g.Int64s("pads", 0, 0, lrn.size / 2, 0, 0, 0, 0, (lrn.size - 1) / 2, 0, 0);
        string padded = g.Node("Pad", new[] { stacked, pads });
        string mean = g.Node("AveragePool", new[] { padded }, null, ("kernel_shape", new[] { lrn.size, 1L, 1L }), ("strides", new[] { 1L, 1L, 1L }));
        string window = g.Node("Squeeze", new[] { mean, axis1 });
        string scaled = g.Node("Mul", new[] { window, g.Weight(g.Name(name + ".alpha"), tensor((float)lrn.alpha)) });
        string shifted = g.Node("Add", new[] { scaled, g.Weight(g.Name(name + ".k"), tensor((float)lrn.k)) });
        string divisor = g.Node("Pow", new[] { shifted, g.Weight(g.Name(name + ".beta"), tensor((float)lrn.beta)) });
        return g.Node("Div", new[] { x, divisor });
    }

    /// <summary>
    /// PyTorch's adaptive average pool from H x W to OH x OW: output cell i averages rows floor(i H / OH) to
    /// ceil((i + 1) H / OH) - 1 (and likewise for columns). One AveragePool where every bin has the same width and
    /// stride; otherwise the mean over rows, then over columns, per bin (separable, so exact).
    /// </summary>
    private static string AdaptiveAveragePool(OnnxGraph g, string x, long h, long w, long oh, long ow)
    {
        if (h == oh && w == ow)
        {
            return x;
        }

        if (h % oh == 0 && w % ow == 0)
        {
            long[] kernel = { h / oh, w / ow };
            return g.Node("AveragePool", new[] { x }, null, ("kernel_shape", kernel), ("strides", kernel));
        }

        x = AdaptiveAxis(g, x, axis: 2, h, oh);
        return AdaptiveAxis(g, x, axis: 3, w, ow);
    }

    private static string AdaptiveAxis(OnnxGraph g, string x, long axis, long size, long outSize)
    {
        if (size == outSize)
        {
            return x;
        }

        string axes = g.Int64s("axes", axis);
        var bins = new List<string>();
        for (long i = 0; i < outSize; i++)
        {
            long start = i * size / outSize;
            long end = ((i + 1) * size + outSize - 1) / outSize;
            string slice = g.Node("Slice", new[] { x, g.Int64s("start", start), g.Int64s("end", end), axes });
            bins.Add(g.Node("ReduceMean", new[] { slice }, null, ("axes", new[] { axis }), ("keepdims", 1L)));
        }

        return g.Node("Concat", bins.ToArray(), null, ("axis", axis));
    }
}
