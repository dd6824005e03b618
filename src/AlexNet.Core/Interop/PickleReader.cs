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
/// functions and storage classes as globals, and never runs code. Anything else is a <see cref="WeightsFileException"/>
/// naming the offset and what was found.
/// </summary>
internal sealed partial class PickleReader
{
    private static readonly object Mark = new();

    private readonly byte[] _data;
    private readonly string _filePath;
    private readonly string _entry;
    private readonly List<object?> _stack = new();
    private readonly Dictionary<long, object?> _memo = new();
    private int _position;

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
            switch (op)
            {
                case 0x80: _position++; break; // PROTO n
                case 0x95: Take(8); break; // FRAME length
                case (byte)'.': return Pop();
                case (byte)'(': _stack.Add(Mark); break;
                case (byte)'0': Pop(); break;
                case (byte)'1': PopToMark(); break;
                case (byte)'2': _stack.Add(_stack[^1]); break;
                case (byte)'N': _stack.Add(null); break;
                case 0x88: _stack.Add(true); break;
                case 0x89: _stack.Add(false); break;
                case (byte)'J': _stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case (byte)'K': _stack.Add((long)Take(1)[0]); break;
                case (byte)'M': _stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case 0x8a: _stack.Add(ReadLong(Take(1)[0], at)); break;
                case 0x8b: _stack.Add(ReadLong(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4))), at)); break;
                case (byte)'I': _stack.Add(ParseIntLine(ReadLine(), at)); break;
                case (byte)'L': _stack.Add(ParseIntLine(ReadLine().TrimEnd('L'), at)); break;
                case (byte)'G': _stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case (byte)'F': _stack.Add(double.Parse(ReadLine(), CultureInfo.InvariantCulture)); break;
                case (byte)'X': _stack.Add(Utf8(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4))))); break;
                case 0x8c: _stack.Add(Utf8(Take(1)[0])); break;
                case 0x8d: _stack.Add(Utf8(checked((int)BinaryPrimitives.ReadUInt64LittleEndian(Take(8))))); break;
                case (byte)'V': _stack.Add(ReadLine()); break;
                case (byte)'U': _stack.Add(Encoding.Latin1.GetString(Take(Take(1)[0]))); break;
                case (byte)'T': _stack.Add(Encoding.Latin1.GetString(Take(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))))); break;
                case (byte)'C': _stack.Add(Take(Take(1)[0]).ToArray()); break;
                case (byte)'B': _stack.Add(Take(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray()); break;
                case (byte)']': _stack.Add(new List<object?>()); break;
                case (byte)'l': _stack.Add(PopToMark().ToList()); break;
                case (byte)'}': _stack.Add(new PickleDict()); break;
                case (byte)'d': _stack.Add(ToDict(PopToMark(), at)); break;
                case (byte)')': _stack.Add(Array.Empty<object?>()); break;
                case (byte)'t': _stack.Add(PopToMark()); break;
                case 0x85: _stack.Add(PopMany(1)); break;
                case 0x86: _stack.Add(PopMany(2)); break;
                case 0x87: _stack.Add(PopMany(3)); break;
                case (byte)'a': Append(Pop(), at); break;
                case (byte)'e': foreach (object? item in PopToMark()) { Append(item, at); } break;
                case (byte)'s': SetItems(new[] { PopMany(2) }, at); break;
                case (byte)'u': SetItems(Pairs(PopToMark()), at); break;
                case (byte)'q': _memo[Take(1)[0]] = _stack[^1]; break;
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = _stack[^1]; break;
                case (byte)'p': _memo[ParseIntLine(ReadLine(), at)] = _stack[^1]; break;
                case 0x94: _memo[_memo.Count] = _stack[^1]; break;
                case (byte)'h': _stack.Add(Recall(Take(1)[0], at)); break;
                case (byte)'j': _stack.Add(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)); break;
                case (byte)'g': _stack.Add(Recall(ParseIntLine(ReadLine(), at), at)); break;
                case (byte)'c': _stack.Add(Global(ReadLine(), ReadLine(), at)); break;
                case 0x93:
                {
                    object?[] names = PopMany(2);
                    _stack.Add(Global(names[0] as string ?? string.Empty, names[1] as string ?? string.Empty, at));
                    break;
                }

                case (byte)'Q': _stack.Add(PersistentLoad(Pop(), at)); break;
                case (byte)'R':
                {
                    object?[] call = PopMany(2);
                    _stack.Add(Reduce(call[0], call[1] as object?[] ?? throw Error("REDUCE arguments are not a tuple", at), at));
                    break;
                }

                case (byte)'b':
                {
                    Pop(); // BUILD state: OrderedDict's __dict__ (state_dict()._metadata); tensors need none
                    if (_stack.Count == 0 || _stack[^1] is not (PickleDict or PickleTensor))
                    {
                        throw Error("BUILD applies to something other than a dict or tensor", at);
                    }

                    break;
                }

                default:
                    throw Error(string.Create(CultureInfo.InvariantCulture,
                        $"unsupported pickle opcode 0x{op:x2} ('{(char)op}'); a state dict of tensors needs only dicts, tuples, strings, numbers and tensors"), at);
            }
        }
    }

    private static PickleDict ToDict(object?[] items, int at)
    {
        var dict = new PickleDict();
        dict.AddRange(Pairs(items).Select(p => new KeyValuePair<object?, object?>(p[0], p[1])));
        return dict;
    }

    private static IEnumerable<object?[]> Pairs(object?[] items)
    {
        for (int i = 0; i + 1 < items.Length; i += 2)
        {
            yield return new[] { items[i], items[i + 1] };
        }
    }

    private void Append(object? item, int at)
    {
        if (_stack.Count == 0 || _stack[^1] is not List<object?> list)
        {
            throw Error("APPEND to something that is not a list", at);
        }

        list.Add(item);
    }

    private void SetItems(IEnumerable<object?[]> pairs, int at)
    {
        if (_stack.Count == 0 || _stack[^1] is not PickleDict dict)
        {
            throw Error("SETITEM on something that is not a dict", at);
        }

        foreach (object?[] pair in pairs)
        {
            int existing = dict.FindIndex(e => Equals(e.Key, pair[0]));
            var entry = new KeyValuePair<object?, object?>(pair[0], pair[1]);
            if (existing >= 0)
            {
                dict[existing] = entry;
            }
            else
            {
                dict.Add(entry);
            }
        }
    }

    private object? Recall(long index, int at) =>
        _memo.TryGetValue(index, out object? value) ? value : throw Error(string.Create(CultureInfo.InvariantCulture, $"memo entry {index} was never stored"), at);

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

        object?[] items = _stack.Skip(mark + 1).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"the pickle is truncated: {count} bytes needed, {_data.Length - _position} left"));
        }

        var span = new ReadOnlySpan<byte>(_data, _position, count);
        _position += count;
        return span;
    }

    private string Utf8(int count) => Encoding.UTF8.GetString(Take(count));

    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0)
        {
            throw Error("the pickle is truncated inside a text line");
        }

        string line = Encoding.UTF8.GetString(_data, _position, end - _position);
        _position = end + 1;
        return line;
    }

    private long ReadLong(int length, int at)
    {
        ReadOnlySpan<byte> bytes = Take(length);
        if (length > 8)
        {
            throw Error("an integer longer than 64 bits", at);
        }

        long value = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        int unused = 64 - (8 * length);
        return length == 0 ? 0 : (value << unused) >> unused; // sign-extend
    }

    private long ParseIntLine(string text, int at) => text switch
    {
        "00" => 0,
        "01" => 1,
        _ => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw Error($"'{text}' is not an integer", at),
    };

    private WeightsFileException Error(string problem, int? at = null) =>
        new(_filePath, $"{_entry}: {problem}", at ?? _position);
}
