using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace AlexNet.Core.Interop;

// How the restricted unpickler reads the bytes of its opcodes' arguments: every length is checked against what is
// left of the pickle before anything is allocated.
internal sealed partial class PickleReader
{
    /// <summary>The longest integer (LONG1, LONG4) read, in bytes: PyTorch's magic number takes 10.</summary>
    private const int MaxIntegerBytes = 64;

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"the pickle is truncated: {count} bytes needed, {_data.Length - _position} left"));
        }

        var span = new ReadOnlySpan<byte>(_data, _position, (int)count);
        _position += (int)count;
        return span;
    }

    private byte TakeByte() => Take(1)[0];

    private long TakeUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>An 8-byte length: more than the pickle holds is a truncation, reported before any conversion.</summary>
    private long TakeLength64()
    {
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return length > (ulong)(_data.Length - _position) ? -1 : (long)length;
    }

    private string Utf8(long count) => Encoding.UTF8.GetString(Take(count));

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

    /// <summary>A little-endian two's-complement integer of <paramref name="length"/> bytes: a long, or a BigInteger beyond 8 bytes.</summary>
    private object ReadLong(long length, int at)
    {
        if (length > MaxIntegerBytes)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"an integer of {length} bytes (at most {MaxIntegerBytes} are read)"), at);
        }

        ReadOnlySpan<byte> bytes = Take(length);
        if (length > 8)
        {
            return new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        }

        long value = 0;
        for (int i = (int)length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        int unused = 64 - (8 * (int)length);
        return length == 0 ? 0L : (value << unused) >> unused; // sign-extend
    }

    private long ParseIntLine(string text, int at) => text switch
    {
        "00" => 0,
        "01" => 1,
        _ => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw Error($"'{text}' is not an integer", at),
    };

    private double ParseFloatLine(string text, int at) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Error($"'{text}' is not a number", at);
}
