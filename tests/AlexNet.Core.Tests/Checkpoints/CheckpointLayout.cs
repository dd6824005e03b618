using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace AlexNet.Core.Tests.Checkpoints;

/// <summary>
/// Where the fields of a checkpoint file lie (offsets from the file start), found by walking the format of
/// docs/checkpoints.md, so that a fuzz test can aim at counts, lengths, dtypes, ranks and sizes.
/// </summary>
internal sealed class CheckpointLayout
{
    private CheckpointLayout()
    {
    }

    /// <summary>The int32 length of the metadata JSON.</summary>
    public int MetadataLength { get; private set; }

    /// <summary>The int32 entry count of the MODL section.</summary>
    public int ModelCount { get; private set; }

    /// <summary>Each model tensor's header: where its name length, dtype, rank and first size lie.</summary>
    public List<(int Name, int Dtype, int Rank, int FirstSize)> Tensors { get; } = new();

    /// <summary>The first byte of the OPTM section's content (after its tag), and the RNG section's tag.</summary>
    public (int Start, int End) Optimizer { get; private set; }

    /// <summary>The RNG section's present flag.</summary>
    public int RandomFlag { get; private set; }

    /// <summary>The int32 entry count of the ACCU section.</summary>
    public int AccumulatorCount { get; private set; }

    public static CheckpointLayout Of(byte[] file)
    {
        var layout = new CheckpointLayout { MetadataLength = ResealedCheckpoint.HeaderSize + 4 };
        int position = ResealedCheckpoint.JsonOffset + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(layout.MetadataLength));
        Expect(file, position, "MODL");
        layout.ModelCount = position + 4;
        int count = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(layout.ModelCount));
        position = layout.ModelCount + 4;
        for (int i = 0; i < count; i++)
        {
            int name = position;
            int nameLength = file[position]; // names here are shorter than 128 bytes: one length byte
            position += 1 + nameLength;
            int dtype = position;
            int rank = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 4));
            long elements = 1;
            for (int d = 0; d < rank; d++)
            {
                elements *= BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(position + 8 + (8 * d)));
            }

            int elementSize = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(dtype)) == 4 ? 8 : 4; // Int64 or Float32
            layout.Tensors.Add((name, dtype, dtype + 4, dtype + 8));
            position += 8 + (8 * rank) + (int)(elements * elementSize);
        }

        Expect(file, position, "OPTM");
        int accumulators = LastIndexOf(file, "ACCU");
        int random = LastIndexOf(file.AsSpan(0, accumulators), "RNG ");
        layout.Optimizer = (position + 4, random);
        layout.RandomFlag = random + 4;
        layout.AccumulatorCount = accumulators + 4;
        return layout;
    }

    private static void Expect(byte[] file, int position, string tag)
    {
        if (Encoding.ASCII.GetString(file, position, 4) != tag)
        {
            throw new InvalidOperationException($"expected section {tag} at {position}");
        }
    }

    private static int LastIndexOf(ReadOnlySpan<byte> file, string tag) => file.LastIndexOf(Encoding.ASCII.GetBytes(tag));
}
