using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AlexNet.Core.Interop;

/// <summary>
/// A restricted unpickler for PyTorch state dicts: it understands pickle protocols 0-5 as far as dicts, lists,
/// tuples, strings, numbers and tensors go, accepts only <c>collections.OrderedDict</c>, PyTorch's tensor rebuild
/// functions, storage classes and numpy scalars (as placeholders) as globals, and never runs code. It is a loop over
/// opcodes (no recursion, however deeply the pickle nests), and the objects it keeps are capped at
/// <see cref="MaxObjects"/>, so memory is bounded by the pickle's size. Anything else is a
/// <see cref="WeightsFileException"/> naming the offset and what was found.
/// </summary>
internal sealed partial class PickleReader
{
    /// <summary>The most objects a pickle may push or memoise (a state dict of 100,000 tensors needs about 3 million).</summary>
    internal const int MaxObjects = 8_000_000;

    /// <summary>The largest pickle read, in bytes (AlexNet's state dict pickle takes 2 KB; 100,000 tensors about 10 MB).</summary>
    internal const int MaxPickleBytes = 64 << 20;

    private static readonly object Mark = new();

    private readonly byte[] _data;
    private readonly string _filePath;
    private readonly string _entry;
    private readonly List<object?> _stack = new();
    private readonly Dictionary<long, object?> _memo = new();
    private int _position;
    private long _objects;

    private PickleReader(byte[] data, int start, string filePath, string entry)
    {
        _data = data;
        _position = start;
        _filePath = filePath;
        _entry = entry;
    }

    /// <summary>Reads the object the pickle <paramref name="data"/> (entry <paramref name="entry"/> of <paramref name="filePath"/>) holds.</summary>
    public static object? Read(byte[] data, string filePath, string entry) => new PickleReader(data, 0, filePath, entry).Run();

    /// <summary>
    /// Reads the pickle that starts at <paramref name="start"/> in <paramref name="data"/> (PyTorch's legacy format puts
    /// several one after another); <paramref name="end"/> is the offset just after its STOP.
    /// </summary>
    public static object? Read(byte[] data, int start, string filePath, string entry, out int end)
    {
        var reader = new PickleReader(data, start, filePath, entry);
        object? value = reader.Run();
        end = reader._position;
        return value;
    }

    private object? Run()
    {
        while (true)
        {
            if (_position >= _data.Length)
            {
                throw Error("the pickle ends without a STOP opcode (truncated)");
            }

            int at = _position;
            byte op = _data[_position++];
            if (op == (byte)'.')
            {
                return Pop();
            }

            Step(op, at);
        }
    }

    private void Step(byte op, int at)
    {
        switch (op)
        {
            case 0x80: TakeByte(); break; // PROTO n
            case 0x95: Take(8); break; // FRAME length
            case (byte)'(': Push(Mark); break;
            case (byte)'0': Pop(); break;
            case (byte)'1': PopToMark(); break;
            case (byte)'2': Push(Peek(at)); break;
            case (byte)'N': Push(null); break;
            case 0x88: Push(true); break;
            case 0x89: Push(false); break;
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
            case (byte)'K': Push((long)TakeByte()); break;
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
            case 0x8a: Push(ReadLong(TakeByte(), at)); break;
            case 0x8b: Push(ReadLong(TakeUInt32(), at)); break;
            case (byte)'I': Push(ParseIntLine(ReadLine(), at)); break;
            case (byte)'L': Push(ParseIntLine(ReadLine().TrimEnd('L'), at)); break;
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
            case (byte)'F': Push(ParseFloatLine(ReadLine(), at)); break;
            case (byte)'X': Push(Utf8(TakeUInt32())); break;
            case 0x8c: Push(Utf8(TakeByte())); break;
            case 0x8d: Push(Utf8(TakeLength64())); break;
            case (byte)'V': Push(ReadLine()); break;
            case (byte)'U': Push(Encoding.Latin1.GetString(Take(TakeByte()))); break;
            case (byte)'T': Push(Encoding.Latin1.GetString(Take(TakeUInt32()))); break;
            case (byte)'C': Push(Take(TakeByte()).ToArray()); break;
            case (byte)'B': Push(Take(TakeUInt32()).ToArray()); break;
            case 0x8e: Push(Take(TakeLength64()).ToArray()); break; // BINBYTES8
            case (byte)']': Push(new List<object?>()); break;
            case (byte)'l': Push(PopToMark().ToList()); break;
            case (byte)'}': Push(new PickleDict()); break;
            case (byte)'d': Push(ToDict(PopToMark())); break;
            case (byte)')': Push(Array.Empty<object?>()); break;
            case (byte)'t': Push(PopToMark()); break;
            case 0x85: Push(PopMany(1)); break;
            case 0x86: Push(PopMany(2)); break;
            case 0x87: Push(PopMany(3)); break;
            case (byte)'a': Append(Pop(), at); break;
            case (byte)'e': foreach (object? item in PopToMark()) { Append(item, at); } break;
            case (byte)'s': SetItems(PopMany(2), at); break;
            case (byte)'u': SetItems(PopToMark(), at); break;
            case (byte)'q': Memoise(TakeByte(), at); break;
            case (byte)'r': Memoise(TakeUInt32(), at); break;
            case (byte)'p': Memoise(ParseIntLine(ReadLine(), at), at); break;
            case 0x94: Memoise(_memo.Count, at); break;
            case (byte)'h': Push(Recall(TakeByte(), at)); break;
            case (byte)'j': Push(Recall(TakeUInt32(), at)); break;
            case (byte)'g': Push(Recall(ParseIntLine(ReadLine(), at), at)); break;
            case (byte)'c': Push(Global(ReadLine(), ReadLine(), at)); break;
            case 0x93:
            {
                object?[] names = PopMany(2);
                Push(Global(names[0] as string ?? string.Empty, names[1] as string ?? string.Empty, at));
                break;
            }

            case (byte)'Q': Push(PersistentLoad(Pop(), at)); break;
            case (byte)'R':
            {
                object?[] call = PopMany(2);
                Push(Reduce(call[0], call[1] as object?[] ?? throw Error("REDUCE arguments are not a tuple", at), at));
                break;
            }

            case (byte)'b': Build(Pop(), at); break;
            default:
                throw Error(string.Create(CultureInfo.InvariantCulture,
                    $"unsupported pickle opcode 0x{op:x2} ('{(char)op}'); a state dict of tensors needs only dicts, tuples, strings, numbers and tensors"), at);
        }
    }

    private void Push(object? value)
    {
        Count();
        _stack.Add(value);
    }

    private void Count()
    {
        if (++_objects > MaxObjects)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture,
                $"the pickle builds more than {MaxObjects} objects, far more than a state dict of tensors needs (a pickle bomb, or not a state dict)"));
        }
    }

    private void Memoise(long index, int at)
    {
        Count();
        _memo[index] = Peek(at);
    }

    /// <summary>BUILD: OrderedDict's __dict__ (a state dict's <c>_metadata</c>, kept), a tensor's or a numpy value's state (ignored).</summary>
    private void Build(object? state, int at)
    {
        object? target = Peek(at);
        if (target is PickleDict dict)
        {
            if (state is PickleDict attributes && attributes.Get("_metadata") is PickleDict metadata)
            {
                dict.Metadata = metadata;
            }
        }
        else if (target is not (PickleTensor or PickleOpaque))
        {
            throw Error("BUILD applies to something other than a dict or tensor", at);
        }
    }

    private static PickleDict ToDict(object?[] items)
    {
        var dict = new PickleDict();
        for (int i = 0; i + 1 < items.Length; i += 2)
        {
            dict.Set(items[i], items[i + 1]);
        }

        return dict;
    }

    private void Append(object? item, int at)
    {
        if (_stack.Count == 0 || _stack[^1] is not List<object?> list)
        {
            throw Error("APPEND to something that is not a list", at);
        }

        Count();
        list.Add(item);
    }

    private void SetItems(object?[] items, int at)
    {
        if (_stack.Count == 0 || _stack[^1] is not PickleDict dict)
        {
            throw Error("SETITEM on something that is not a dict", at);
        }

        for (int i = 0; i + 1 < items.Length; i += 2)
        {
            Count();
            dict.Set(items[i], items[i + 1]);
        }
    }

    private object? Recall(long index, int at) =>
        _memo.TryGetValue(index, out object? value) ? value : throw Error(string.Create(CultureInfo.InvariantCulture, $"memo entry {index} was never stored"), at);

    private object? Peek(int at)
    {
        if (_stack.Count == 0 || ReferenceEquals(_stack[^1], Mark))
        {
            throw Error("the pickle refers to the top of an empty stack", at);
        }

        return _stack[^1];
    }

    private object? Pop()
    {
        if (_stack.Count == 0 || ReferenceEquals(_stack[^1], Mark))
        {
            throw Error("the pickle pops from an empty stack");
        }

        object? top = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return top;
    }

    private object?[] PopMany(int count)
    {
        var items = new object?[count];
        for (int i = count - 1; i >= 0; i--)
        {
            items[i] = Pop();
        }

        return items;
    }

    private object?[] PopToMark()
    {
        int mark = _stack.FindLastIndex(o => ReferenceEquals(o, Mark));
        if (mark < 0)
        {
            throw Error("the pickle closes a MARK it never opened");
        }

        object?[] items = _stack.GetRange(mark + 1, _stack.Count - mark - 1).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private WeightsFileException Error(string problem, int? at = null) =>
        new(_filePath, $"{_entry}: {problem}", at ?? _position);
}
