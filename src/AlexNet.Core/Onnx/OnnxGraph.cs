using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Core.Onnx;

/// <summary>
/// Builds an ONNX <c>GraphProto</c> (field numbers of onnx/onnx.proto): nodes in order, float weights as
/// initializers, one float input with a dynamic batch axis and one output.
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatType = 1, Int64Type = 7;
    private const int AttributeFloat = 1, AttributeInt = 2, AttributeInts = 7;

    private readonly List<ProtoWriter> _nodes = new();
    private readonly List<ProtoWriter> _initializers = new();
    private int _next;

    /// <summary>A fresh value name with <paramref name="hint"/> in it.</summary>
    public string Name(string hint) => string.Create(CultureInfo.InvariantCulture, $"{hint}_{_next++}");

    /// <summary>Adds a float32 initializer holding <paramref name="tensor"/> (copied to the CPU).</summary>
    public string Weight(string name, Tensor tensor)
    {
        using Tensor cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var proto = new ProtoWriter();
        foreach (long d in cpu.shape)
        {
            proto.Int(1, d);
        }

        proto.Int(2, FloatType).String(8, name).Bytes(9, cpu.bytes);
        _initializers.Add(proto);
        return name;
    }

    /// <summary>Adds a 1-D int64 initializer (Slice starts, ends, axes).</summary>
    public string Int64s(string hint, params long[] values)
    {
        string name = Name(hint);
        var proto = new ProtoWriter().Int(1, values.Length).Int(2, Int64Type).String(8, name);
        var raw = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), values[i]);
        }

        proto.Bytes(9, raw);
        _initializers.Add(proto);
        return name;
    }

    /// <summary>Adds a node; attribute values are long, long[], float or double (written as float).</summary>
    public string Node(string opType, string[] inputs, string? output = null, params (string Name, object Value)[] attributes)
    {
        output ??= Name(opType.ToLowerInvariant());
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, output + "_node").String(4, opType);
        foreach (var (name, value) in attributes)
        {
            var attribute = new ProtoWriter().String(1, name);
            switch (value)
            {
                case long i:
                    attribute.Int(3, i).Int(20, AttributeInt);
                    break;
                case int i:
                    attribute.Int(3, i).Int(20, AttributeInt);
                    break;
                case long[] ints:
                    foreach (long i in ints)
                    {
                        attribute.Int(8, i);
                    }

                    attribute.Int(20, AttributeInts);
                    break;
                case double f:
                    attribute.Float(2, (float)f).Int(20, AttributeFloat);
                    break;
                default:
                    throw new ArgumentException($"attribute {name} of {opType}: unsupported value type {value.GetType().Name}", nameof(attributes));
            }

            node.Message(5, attribute);
        }

        _nodes.Add(node);
        return output;
    }

    /// <summary>The GraphProto with <paramref name="input"/> N x C x H x W (N dynamic, named "batch") and <paramref name="output"/> N x classes.</summary>
    public ProtoWriter Build(string graphName, string input, long[] inputShape, string output, long classes)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in _nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, graphName);
        foreach (ProtoWriter initializer in _initializers)
        {
            graph.Message(5, initializer);
        }

        graph.Message(11, ValueInfo(input, inputShape.Skip(1).ToArray()));
        graph.Message(12, ValueInfo(output, new[] { classes }));
        return graph;
    }

    private static ProtoWriter ValueInfo(string name, long[] dimsAfterBatch)
    {
        var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "batch"));
        foreach (long d in dimsAfterBatch)
        {
            shape.Message(1, new ProtoWriter().Int(1, d));
        }

        var tensorType = new ProtoWriter().Int(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
