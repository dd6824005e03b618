using System;
using System.Linq;
using System.Runtime.InteropServices;
using AlexNet.Core.Distributed;

namespace AlexNet.Core.Tests.Distributed;

/// <summary>
/// Collectives of rank 0 in a world of 2 whose peer holds <see cref="PeerFloat"/> in every float (or bfloat16) element and
/// <see cref="PeerValues"/> for an allgather; counts the calls.
/// </summary>
internal sealed class FakeCollectives : ICollectives
{
    public int Rank => 0;

    public int WorldSize => 2;

    public float PeerFloat { get; init; }

    public long[]? PeerValues { get; init; }

    public int AllReduceCalls { get; private set; }

    public long ReducedBytes { get; private set; }

    public void AllReduceSum(Span<byte> buffer, ReduceElement element)
    {
        AllReduceCalls++;
        ReducedBytes += buffer.Length;
        if (element == ReduceElement.BFloat16)
        {
            ushort peer = BFloat16Sum.FromSingle(PeerFloat);
            foreach (ref ushort value in MemoryMarshal.Cast<byte, ushort>(buffer))
            {
                value = BFloat16Sum.Add(value, peer);
            }

            return;
        }

        if (element != ReduceElement.Float32)
        {
            throw new NotSupportedException(element.ToString());
        }

        foreach (ref float value in MemoryMarshal.Cast<byte, float>(buffer))
        {
            value += PeerFloat;
        }
    }

    public void Broadcast(Span<byte> buffer, int root)
    {
    }

    public long[] AllGather(long[] values) => values.Concat(PeerValues ?? values).ToArray();

    public void Abort(int exitCode) => throw new InvalidOperationException($"aborted with {exitCode}");
}
