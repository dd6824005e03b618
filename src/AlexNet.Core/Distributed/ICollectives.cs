using System;

namespace AlexNet.Core.Distributed;

/// <summary>The element types the collectives reduce.</summary>
internal enum ReduceElement
{
    /// <summary>32-bit floats (gradients).</summary>
    Float32,

    /// <summary>64-bit floats (metric sums).</summary>
    Float64,

    /// <summary>64-bit integers (counts).</summary>
    Int64,

    /// <summary>bfloat16 values (compressed gradients), summed as <see cref="BFloat16Sum"/> describes.</summary>
    BFloat16,
}

/// <summary>
/// The collective operations across the processes of a run (MPI's, or a fake in tests). Every process must call the
/// same operations in the same order with the same sizes; a call blocks until every process made it.
/// </summary>
internal interface ICollectives
{
    /// <summary>This process's index, from 0.</summary>
    int Rank { get; }

    /// <summary>The number of processes.</summary>
    int WorldSize { get; }

    /// <summary>Replaces <paramref name="buffer"/> (elements of <paramref name="element"/>) with its sum over processes.</summary>
    void AllReduceSum(Span<byte> buffer, ReduceElement element);

    /// <summary>Replaces <paramref name="buffer"/> on every process with process <paramref name="root"/>'s.</summary>
    void Broadcast(Span<byte> buffer, int root);

    /// <summary>Every process's <paramref name="values"/> (all the same length), rank 0's first.</summary>
    long[] AllGather(long[] values);

    /// <summary>Prints nothing, ends every process of the run with <paramref name="exitCode"/>; does not return.</summary>
    void Abort(int exitCode);
}
