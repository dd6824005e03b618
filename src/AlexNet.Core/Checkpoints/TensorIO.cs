using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using static TorchSharp.torch;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// The checkpoint encoding of one tensor: dtype (int32), rank (int32), shape (int64 each), then the contiguous CPU
/// bytes (little-endian, as the machine holds them).
/// </summary>
internal static class TensorIO
{
    private const int MaxRank = 16;

    /// <summary>The dtypes a checkpoint stores, with their bytes per element.</summary>
    private static readonly Dictionary<ScalarType, long> ElementSizes = new()
    {
        [ScalarType.Byte] = 1,
        [ScalarType.Int8] = 1,
        [ScalarType.Bool] = 1,
        [ScalarType.Int16] = 2,
        [ScalarType.Float16] = 2,
        [ScalarType.BFloat16] = 2,
        [ScalarType.Int32] = 4,
        [ScalarType.Float32] = 4,
        [ScalarType.Int64] = 8,
        [ScalarType.Float64] = 8,
        [ScalarType.ComplexFloat32] = 8,
        [ScalarType.ComplexFloat64] = 16,
    };

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
    /// <exception cref="CheckpointException">
    /// The dtype is not one this format stores, the rank or a size is out of range, or the data runs past the end of the
    /// file; checked before anything is allocated.
    /// </exception>
    public static Tensor Read(BinaryReader reader, string path, string what)
    {
        long offset = reader.BaseStream.Position;
        int code = CheckpointFields.ReadInt32(reader, path, $"{what}: dtype");
        int rank = CheckpointFields.ReadInt32(reader, path, $"{what}: rank");
        if (!ElementSizes.TryGetValue((ScalarType)code, out long elementSize) || rank < 0 || rank > MaxRank)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected a tensor header (one of the dtypes {string.Join(", ", ElementSizes.Keys)}; rank 0 to {MaxRank}), "
                + $"found dtype code {code} and rank {rank}"), offset);
        }

        var shape = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = CheckpointFields.ReadInt64(reader, path, $"{what}: size {i}");
        }

        long bytes = DataBytes(shape, elementSize, CheckpointFields.Remaining(reader));
        if (bytes < 0)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"{what}: a {(ScalarType)code} tensor of shape [{string.Join(", ", shape)}] does not fit: expected sizes from 0 up with at most "
                + $"{int.MaxValue} bytes of data in all, and no more than the {CheckpointFields.Remaining(reader)} bytes left in the file"), offset);
        }

        var tensor = empty(shape, dtype: (ScalarType)code);
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

    /// <summary>
    /// Bytes of data of a tensor of <paramref name="shape"/>, or -1 when a size is negative, or when the sizes (each
    /// counted as at least 1, as LibTorch's strides are) multiply past what <paramref name="remaining"/> bytes can hold
    /// or past the 2 GiB one tensor may have in this format.
    /// </summary>
    private static long DataBytes(long[] shape, long elementSize, long remaining)
    {
        long limit = Math.Min(remaining, int.MaxValue);
        long strideBytes = elementSize;
        bool empty = false;
        foreach (long size in shape)
        {
            if (size < 0 || (size > 1 && strideBytes > int.MaxValue / size))
            {
                return -1;
            }

            strideBytes *= Math.Max(size, 1);
            empty |= size == 0;
        }

        long bytes = empty ? 0 : strideBytes;
        return bytes <= limit ? bytes : -1;
    }
}
