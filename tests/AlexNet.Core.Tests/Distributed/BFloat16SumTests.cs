using System;
using System.Linq;
using AlexNet.Core.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Distributed;

/// <summary>The bfloat16 addition of the compressed allreduce, without MPI.</summary>
public class BFloat16SumTests
{
    [Theory]
    [InlineData(0x3F80, 0x3B80, 0x3F80)] // 1 + 2^-8: halfway between 1 and 1 + 2^-7, ties to even: 1
    [InlineData(0x3F81, 0x3B80, 0x3F82)] // (1 + 2^-7) + 2^-8: halfway between 1 + 2^-7 and 1 + 2^-6, ties to even: 1 + 2^-6
    [InlineData(0x3F80, 0x3B81, 0x3F81)] // 1 + 2^-8 + 2^-15: just above the tie, up
    [InlineData(0xBF80, 0xBB80, 0xBF80)] // -1 - 2^-8: a negative tie, to even
    [InlineData(0x3F80, 0x3F80, 0x4000)] // 1 + 1 = 2 exactly
    [InlineData(0x3F80, 0xBF80, 0x0000)] // 1 - 1 = +0
    [InlineData(0x7F7F, 0x7F7F, 0x7F80)] // largest finite + largest finite overflows to +inf
    [InlineData(0x7F80, 0xC2C8, 0x7F80)] // +inf - 100 = +inf
    [InlineData(0xFF80, 0xFF80, 0xFF80)] // -inf + -inf = -inf
    [InlineData(0x0001, 0x0001, 0x0002)] // subnormals add exactly
    public void Sum_is_the_bfloat16_rounded_to_nearest_even(int a, int b, int expected)
    {
        BFloat16Sum.Add((ushort)a, (ushort)b).Should().Be((ushort)expected);
        BFloat16Sum.Add((ushort)b, (ushort)a).Should().Be((ushort)expected, "the sum is commutative, so every rank gets the same bits");
    }

    [Theory]
    [InlineData(0x7FC0, 0x3F80)] // NaN + 1
    [InlineData(0x7F80, 0xFF80)] // +inf + -inf
    [InlineData(0xFFC1, 0x7F80)] // a negative NaN with a payload + inf
    public void Sum_with_a_NaN_or_opposite_infinities_is_a_quiet_NaN(int a, int b)
    {
        ushort sum = BFloat16Sum.Add((ushort)a, (ushort)b);

        float.IsNaN(BFloat16Sum.ToSingle(sum)).Should().BeTrue();
        (sum & 0x0040).Should().Be(0x0040, "a quiet NaN");
    }

    [Fact]
    public void Sum_matches_torch_rounding_of_the_float32_sum_for_random_pairs()
    {
        using var scope = NewDisposeScope();
        var random = new Random(22);
        var a = Enumerable.Range(0, 20_000).Select(_ => (ushort)random.Next(0, 0x10000)).ToArray();
        var b = a.Select(x => random.Next(4) == 0 ? (ushort)(x ^ 0x8000) : (ushort)random.Next(0, 0x10000)).ToArray();
        var float32Sums = a.Zip(b, (x, y) => BFloat16Sum.ToSingle(x) + BFloat16Sum.ToSingle(y)).ToArray();

        var reference = tensor(float32Sums).to(ScalarType.BFloat16);
        var referenceBits = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(reference.bytes).ToArray();

        for (int i = 0; i < a.Length; i++)
        {
            ushort sum = BFloat16Sum.Add(a[i], b[i]);
            if (float.IsNaN(float32Sums[i]))
            {
                float.IsNaN(BFloat16Sum.ToSingle(sum)).Should().BeTrue($"0x{a[i]:X4} + 0x{b[i]:X4} is NaN");
            }
            else
            {
                sum.Should().Be(referenceBits[i], $"0x{a[i]:X4} + 0x{b[i]:X4} = {float32Sums[i]:R} rounds as torch rounds float32 to bfloat16");
            }
        }
    }

    [Fact]
    public unsafe void Reduce_adds_the_input_into_the_output_for_the_given_length()
    {
        ushort[] input = { 0x3F80, 0x3F81, 0x7FC0, 0x4000 };
        ushort[] inputOutput = { 0x3B80, 0x3B80, 0x3F80, 0x4000 };
        int length = 3;
        int datatype = MpiNative.TypeUInt16;
        delegate* unmanaged[Cdecl]<void*, void*, int*, int*, void> reduce = &BFloat16Sum.Reduce;

        fixed (ushort* source = input)
        fixed (ushort* target = inputOutput)
        {
            reduce(source, target, &length, &datatype);
        }

        inputOutput[0].Should().Be(0x3F80);
        inputOutput[1].Should().Be(0x3F82);
        float.IsNaN(BFloat16Sum.ToSingle(inputOutput[2])).Should().BeTrue();
        inputOutput[3].Should().Be(0x4000, "only the first *length values are reduced");
    }
}
