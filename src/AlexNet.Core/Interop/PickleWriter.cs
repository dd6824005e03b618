using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// Writes a state dict as PyTorch's <c>torch.save</c> does (pickle protocol 2): an <c>OrderedDict</c> of tensors, each
/// rebuilt by <c>torch._utils._rebuild_tensor_v2</c> from its own storage <c>data/N</c> (N = 0, 1, ... in key order).
/// </summary>
internal static class PickleWriter
{
    /// <summary>The pickle for tensors with <paramref name="shapes"/> and <paramref name="types"/>, under <paramref name="keys"/>.</summary>
    public static byte[] StateDict(IReadOnlyList<string> keys, IReadOnlyList<long[]> shapes, IReadOnlyList<ScalarType> types)
    {
        using var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write((byte)0x80);
        w.Write((byte)2); // PROTO 2
        Global(w, "collections", "OrderedDict");
        w.Write((byte)')'); // EMPTY_TUPLE
        w.Write((byte)'R'); // REDUCE: OrderedDict()
        w.Write((byte)'(');
        for (int i = 0; i < keys.Count; i++)
        {
            String(w, keys[i]);
            Tensor(w, i, shapes[i], types[i]);
        }

        w.Write((byte)'u'); // SETITEMS
        w.Write((byte)'.'); // STOP
        w.Flush();
        return stream.ToArray();
    }

    private static void Tensor(BinaryWriter w, int storageKey, long[] shape, ScalarType type)
    {
        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
        }

        Global(w, "torch._utils", "_rebuild_tensor_v2");
        w.Write((byte)'(');
        // storage: persistent id ('storage', torch.FloatStorage, '0', 'cpu', count)
        w.Write((byte)'(');
        String(w, "storage");
        Global(w, "torch", TensorTypes.StorageName(type));
        String(w, storageKey.ToString(System.Globalization.CultureInfo.InvariantCulture));
        String(w, "cpu");
        Int(w, count);
        w.Write((byte)'t');
        w.Write((byte)'Q'); // BINPERSID
        Int(w, 0); // storage offset
        Longs(w, shape);
        Longs(w, ContiguousStrides(shape));
        w.Write((byte)0x89); // requires_grad = False
        Global(w, "collections", "OrderedDict");
        w.Write((byte)')');
        w.Write((byte)'R'); // backward hooks: OrderedDict()
        w.Write((byte)'t');
        w.Write((byte)'R');
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    private static void Longs(BinaryWriter w, long[] values)
    {
        w.Write((byte)'(');
        foreach (long v in values)
        {
            Int(w, v);
        }

        w.Write((byte)'t');
    }

    private static void Int(BinaryWriter w, long value)
    {
        if (value is >= 0 and < 256)
        {
            w.Write((byte)'K');
            w.Write((byte)value);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            w.Write((byte)'J');
            w.Write((int)value);
        }
        else
        {
            w.Write((byte)0x8a); // LONG1, 8 bytes little-endian two's complement
            w.Write((byte)8);
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            w.Write(bytes);
        }
    }

    private static void String(BinaryWriter w, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        w.Write((byte)'X'); // BINUNICODE
        w.Write(utf8.Length);
        w.Write(utf8);
    }

    private static void Global(BinaryWriter w, string module, string name)
    {
        w.Write((byte)'c');
        w.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }
}
