using System;
using System.Runtime.InteropServices;
using System.Threading;
using AlexNet.Core.Distributed;

namespace AlexNet.Core.Tests.Distributed;

/// <summary>
/// Collectives between threads of this process: one instance per simulated rank, all sharing a barrier. An allreduce
/// adds the ranks' buffers in rank order, so every rank gets the same bits.
/// </summary>
internal sealed class ThreadCollectives : ICollectives
{
    private readonly Barrier _barrier;
    private readonly byte[][] _slots;

    private ThreadCollectives(int rank, Barrier barrier, byte[][] slots)
    {
        Rank = rank;
        _barrier = barrier;
        _slots = slots;
    }

    public int Rank { get; }

    public int WorldSize => _slots.Length;

    /// <summary>The collectives of <paramref name="worldSize"/> ranks, rank 0's first.</summary>
    public static ThreadCollectives[] Create(int worldSize)
    {
        var barrier = new Barrier(worldSize);
        var slots = new byte[worldSize][];
        var ranks = new ThreadCollectives[worldSize];
        for (int rank = 0; rank < worldSize; rank++)
        {
            ranks[rank] = new ThreadCollectives(rank, barrier, slots);
        }

        return ranks;
    }

    public void AllReduceSum(Span<byte> buffer, ReduceElement element)
    {
        _slots[Rank] = buffer.ToArray();
        _barrier.SignalAndWait();
        buffer.Clear();
        foreach (var slot in _slots)
        {
            switch (element)
            {
                case ReduceElement.Float64:
                    Add(MemoryMarshal.Cast<byte, double>(buffer), MemoryMarshal.Cast<byte, double>(slot.AsSpan()));
                    break;
                case ReduceElement.Float32:
                    Add(MemoryMarshal.Cast<byte, float>(buffer), MemoryMarshal.Cast<byte, float>(slot.AsSpan()));
                    break;
                default:
                    throw new NotSupportedException(element.ToString());
            }
        }

        _barrier.SignalAndWait();
    }

    public void Broadcast(Span<byte> buffer, int root) => throw new NotSupportedException();

    public long[] AllGather(long[] values) => throw new NotSupportedException();

    public void Abort(int exitCode) => throw new InvalidOperationException($"aborted with {exitCode}");

    private static void Add(Span<double> target, ReadOnlySpan<double> source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }

    private static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
