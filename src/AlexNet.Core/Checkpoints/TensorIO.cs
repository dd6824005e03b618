using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// The checkpoint encoding of one tensor: dtype (int32), rank (int32), shape (int64 each), then the contiguous CPU
/// bytes (little-endian, as the machine holds them).
/// </summary>
internal static class TensorIO
{
    private const int MaxRank = 16;

    public static void Write(BinaryWriter writer, Tensor tensor)
    {
        // The scope disposes detach(), to(CPU) and contiguous() alike; the caller's tensor predates it and is left alone.
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().to(CPU).contiguous();
        writer.Write((int)cpu.dtype);
        writer.Write((int)cpu.dim());
        foreach (long size in cpu.shape)
        {
            writer.Write(size);
        }

        writer.Flush();
        if (cpu.numel() > 0)
        {
            writer.BaseStream.Write(cpu.bytes);
        }
    }

    /// <summary>Reads a tensor onto the CPU; <paramref name="what"/> names it in error messages.</summary>
    /// <exception cref="CheckpointException">The encoding is not valid or runs past the end of the file.</exception>
    public static Tensor Read(BinaryReader reader, string path, string what)
    {
        long offset = reader.BaseStream.Position;
        var dtype = (ScalarType)reader.ReadInt32();
        int rank = reader.ReadInt32();
        if (!Enum.IsDefined(dtype) || rank < 0 || rank > MaxRank)
        {
            throw new CheckpointException(path, $"{what}: expected a tensor header (dtype, rank <= {MaxRank}), found dtype code {(int)dtype} and rank {rank}", offset);
        }

        long[] shape = Enumerable.Range(0, rank).Select(_ => reader.ReadInt64()).ToArray();
        if (shape.Any(s => s < 0))
        {
            throw new CheckpointException(path, $"{what}: negative size in shape [{string.Join(", ", shape)}]", offset);
        }

        long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        long bytes = ElementSize(dtype);
        foreach (long size in shape)
        {
            bytes = size == 0 || bytes <= remaining / size ? bytes * size : long.MaxValue;
        }

        if (bytes > remaining)
        {
            throw new CheckpointException(path, $"{what}: a {dtype} tensor of shape [{string.Join(", ", shape)}] needs more bytes than the {remaining} left in the file", offset);
        }

        var tensor = empty(shape, dtype: dtype);
        try
        {
            if (bytes > 0)
            {
                reader.BaseStream.ReadExactly(tensor.bytes);
            }

            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>Disposes every tensor in <paramref name="tensors"/>.</summary>
    public static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }

    private static long ElementSize(ScalarType dtype)
    {
        using var probe = empty(new long[] { 0 }, dtype: dtype);
        return probe.ElementSize;
    }
}
