using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlexNet.Core.Distributed;

/// <summary>
/// Addition of bfloat16 values (the upper 16 bits of a float32: sign, 8 exponent bits, 7 stored significand bits),
/// for the MPI reduction MPICH lacks for bfloat16. Each pair is widened to float32 exactly, added in float32 and rounded
/// back to bfloat16 to nearest, ties to even. Because float32 carries more than twice bfloat16's 8 significant bits
/// plus 2, rounding twice (the float32 sum, then bfloat16) gives the correctly rounded bfloat16 sum. Infinities add as
/// in IEEE 754 (+inf + -inf is NaN); a NaN operand or result gives a quiet NaN; a sum beyond bfloat16's largest
/// finite value (about 3.39e38) becomes infinity.
/// </summary>
internal static class BFloat16Sum
{
    /// <summary>The exact float32 value of bfloat16 bits <paramref name="value"/>.</summary>
    public static float ToSingle(ushort value) => BitConverter.Int32BitsToSingle(value << 16);

    /// <summary><paramref name="value"/> rounded to bfloat16, to nearest, ties to even; NaN stays a (quiet) NaN.</summary>
    public static ushort FromSingle(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x0040);
        }

        uint roundingBias = 0x7FFFu + ((bits >> 16) & 1u);
        return (ushort)((bits + roundingBias) >> 16);
    }

    /// <summary>The bfloat16 sum of <paramref name="a"/> and <paramref name="b"/>, rounded to nearest, ties to even.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Add(ushort a, ushort b) => FromSingle(ToSingle(a) + ToSingle(b));

    /// <summary>
    /// The MPI user function (<c>MPI_User_function</c>): <c>inout[i] = in[i] + inout[i]</c> for <c>*length</c> bfloat16
    /// values. The datatype is the 2-byte type the reduction was called with; it is not read.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    public static unsafe void Reduce(void* input, void* inputOutput, int* length, int* datatype)
    {
        var source = new ReadOnlySpan<ushort>(input, *length);
        var target = new Span<ushort>(inputOutput, *length);
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = Add(source[i], target[i]);
        }
    }
}
