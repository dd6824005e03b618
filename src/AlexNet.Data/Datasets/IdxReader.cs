using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed: any element type
/// (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and any number of dimensions.
/// </summary>
/// <remarks>
/// Layout: a big-endian magic number 0x0000 | type &lt;&lt; 8 | rank, then <c>rank</c> big-endian 32-bit dimension
/// sizes, then the values, big-endian, row-major. The header is checked against the file length before anything is
/// allocated (a header claiming 2^31 images allocates nothing), and the data is read in one piece straight into the
/// tensor's memory.
/// </remarks>
internal static class IdxReader
{
    private const int MagicLength = 4;
    private const int DimensionLength = 4;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    /// <param name="path">An IDX file, raw or gzip (detected from its first bytes).</param>
    /// <param name="checksum">Known checksums to verify the file against, or null for none.</param>
    /// <exception cref="DatasetNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The file is not a well-formed IDX file.</exception>
    /// <exception cref="DatasetChecksumException">The file does not match <paramref name="checksum"/>.</exception>
    public static IdxArray Read(string path, FileChecksum? checksum = null) => Read(path, checksum, expectedType: null, expectedRank: null);

    /// <summary>The tensor dtype an IDX element type is read as.</summary>
    public static ScalarType ScalarTypeOf(IdxDataType dataType) => dataType switch
    {
        IdxDataType.UnsignedByte => ScalarType.Byte,
        IdxDataType.SignedByte => ScalarType.Int8,
        IdxDataType.Int16 => ScalarType.Int16,
        IdxDataType.Int32 => ScalarType.Int32,
        IdxDataType.Float32 => ScalarType.Float32,
        IdxDataType.Float64 => ScalarType.Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "Not an IDX type code."),
    };

    /// <summary>Bytes per element of an IDX element type.</summary>
    public static int ElementSize(IdxDataType dataType) => dataType switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Float32 => 4,
        IdxDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "Not an IDX type code."),
    };

    /// <summary>Reads an IDX file that must have <paramref name="expectedType"/> and <paramref name="expectedRank"/> (when given), failing before any allocation otherwise.</summary>
    internal static IdxArray Read(string path, FileChecksum? checksum, IdxDataType? expectedType, int? expectedRank) =>
        Read(path, checksum, expectedType, expectedRank, checkDimensions: null);

    /// <summary>
    /// As above, and <paramref name="checkDimensions"/> sees the dimensions the header declares before anything is
    /// allocated or decompressed beyond the header (to hold them to a dataset's known sizes; it throws to refuse).
    /// </summary>
    internal static IdxArray Read(string path, FileChecksum? checksum, IdxDataType? expectedType, int? expectedRank, Action<DatasetFileReader, long[]>? checkDimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using DatasetFileReader file = DatasetFileReader.Open(path, checksum);
        (IdxDataType type, long[] dimensions) = ReadHeader(file, expectedType, expectedRank);
        checkDimensions?.Invoke(file, dimensions);
        long dataOffset = MagicLength + ((long)DimensionLength * dimensions.Length);
        int dataBytes = CheckDataLength(file, type, dimensions, dataOffset);

        Tensor data = empty(dimensions, ScalarTypeOf(type));
        try
        {
            if (dataBytes > 0)
            {
                Span<byte> bytes = data.bytes;
                file.ReadExactly(bytes, $"values of {Describe(dimensions)} {type}");
                ToNativeByteOrder(bytes, type);
            }

            file.ExpectEnd(string.Create(CultureInfo.InvariantCulture, $"the end of the data after {dataOffset + dataBytes:N0} bytes ({Describe(dimensions)} {type})"));
            file.VerifyChecksum();
            return new IdxArray(data, type, dimensions);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    private static (IdxDataType Type, long[] Dimensions) ReadHeader(DatasetFileReader file, IdxDataType? expectedType, int? expectedRank)
    {
        Span<byte> magic = stackalloc byte[MagicLength];
        file.ReadExactly(magic, "IDX magic number");
        string expectedMagic = expectedType is IdxDataType t && expectedRank is int r
            ? $"0x{((int)t << 8) | r:X8} ({t}, {r} dimensions)"
            : "0x0000 then a type code and a number of dimensions";
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new DatasetFormatException(file.Path, 0, "IDX magic number", expectedMagic, $"0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} (not an IDX file)");
        }

        var type = (IdxDataType)magic[2];
        if (!Enum.IsDefined(type))
        {
            throw new DatasetFormatException(file.Path, 2, "IDX type code", "0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E", $"0x{magic[2]:X2}");
        }

        int rank = magic[3];
        if ((expectedType is not null && type != expectedType) || (expectedRank is not null && rank != expectedRank))
        {
            throw new DatasetFormatException(file.Path, 0, "IDX magic number", expectedMagic, $"0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} ({type}, {rank} dimensions)");
        }

        long headerLength = MagicLength + ((long)DimensionLength * rank);
        if (!file.IsGzip && file.FileLength < headerLength)
        {
            throw new DatasetFormatException(file.Path, MagicLength, "IDX dimensions", $"{rank} dimension sizes ({headerLength:N0} header bytes)", $"a file of {file.FileLength:N0} bytes (truncated header)");
        }

        byte[] sizes = new byte[DimensionLength * rank];
        file.ReadExactly(sizes, "IDX dimensions");
        long[] dimensions = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadUInt32BigEndian(sizes.AsSpan(DimensionLength * i, DimensionLength));
        }

        return (type, dimensions);
    }

    /// <summary>The data length the header declares, checked against the file (exactly for raw files, against the most a gzip file can hold otherwise).</summary>
    private static int CheckDataLength(DatasetFileReader file, IdxDataType type, long[] dimensions, long dataOffset)
    {
        long elementSize = ElementSize(type);
        long maxElements = int.MaxValue / elementSize;
        long elements = Array.IndexOf(dimensions, 0L) >= 0 ? 0 : 1;
        foreach (long size in dimensions)
        {
            if (elements != 0 && size > maxElements / elements)
            {
                throw new DatasetFormatException(file.Path, MagicLength, "IDX dimensions", string.Create(CultureInfo.InvariantCulture, $"at most {int.MaxValue:N0} bytes of data (the most one read supports)"), $"dimensions {Describe(dimensions)} of {type}");
            }

            elements *= size;
        }

        long dataBytes = elements * elementSize;
        long needed = dataOffset + dataBytes;
        if (!file.IsGzip && needed != file.FileLength)
        {
            throw new DatasetFormatException(
                file.Path,
                dataOffset,
                "file length",
                string.Create(CultureInfo.InvariantCulture, $"{needed:N0} bytes for dimensions {Describe(dimensions)} of {type} ({dataOffset:N0} header + {dataBytes:N0} data bytes)"),
                string.Create(CultureInfo.InvariantCulture, $"{file.FileLength:N0} bytes"));
        }

        if (file.IsGzip && needed > file.MaxContentLength)
        {
            throw new DatasetFormatException(
                file.Path,
                dataOffset,
                "IDX dimensions",
                string.Create(CultureInfo.InvariantCulture, $"at most {file.MaxContentLength:N0} bytes of content (the most a gzip file of {file.FileLength:N0} bytes can hold)"),
                string.Create(CultureInfo.InvariantCulture, $"dimensions {Describe(dimensions)} of {type} that need {needed:N0} bytes"));
        }

        return (int)dataBytes;
    }

    /// <summary>Turns big-endian values into the machine's byte order, in place and vectorised.</summary>
    private static void ToNativeByteOrder(Span<byte> bytes, IdxDataType type)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        switch (ElementSize(type))
        {
            case 2:
                Span<short> shorts = MemoryMarshal.Cast<byte, short>(bytes);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                Span<int> ints = MemoryMarshal.Cast<byte, int>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                Span<long> longs = MemoryMarshal.Cast<byte, long>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    /// <summary>Dimensions as "[3 x 28 x 28]".</summary>
    internal static string Describe(long[] dimensions) => "[" + string.Join(" x ", dimensions) + "]";
}
