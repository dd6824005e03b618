using System;
using System.Buffers;
using System.Globalization;
using System.IO;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Copies CIFAR binary records (label bytes, then 3,072 pixel bytes) from a stream into an image buffer
/// (N x 3 x 32 x 32, the records' own plane order) and a label array, checking every label byte. Reads 64 records
/// (about 200 KB) at a time into a pooled buffer and copies each record's pixels with one span copy.
/// </summary>
internal static class CifarRecordReader
{
    private const int RecordsPerChunk = 64;

    /// <summary>Largest number of records one dataset can hold (its pixels must fit one span).</summary>
    public const long MaxRecords = int.MaxValue / CifarDefinition.PixelBytes;

    /// <summary>The number of records in <paramref name="length"/> bytes, which must be a positive multiple of the record length.</summary>
    /// <exception cref="DatasetFormatException">It is not.</exception>
    public static long CountRecords(CifarDefinition definition, string source, long length)
    {
        int recordLength = definition.RecordLength;
        if (length <= 0 || length % recordLength != 0 || length / recordLength > MaxRecords)
        {
            throw new DatasetFormatException(
                source,
                length / recordLength * recordLength,
                "length",
                string.Create(CultureInfo.InvariantCulture, $"a positive multiple of {recordLength:N0} bytes ({definition.LabelBytes.Count} label byte(s) + {CifarDefinition.PixelBytes:N0} pixel bytes per record, at most {MaxRecords:N0} records)"),
                string.Create(CultureInfo.InvariantCulture, $"{length:N0} bytes ({length / recordLength:N0} whole records and {length % recordLength:N0} bytes more)"));
        }

        return length / recordLength;
    }

    /// <summary>
    /// Reads <paramref name="count"/> records from <paramref name="source"/> into <paramref name="pixels"/> and
    /// <paramref name="labels"/> (starting at their beginning), keeping label byte <paramref name="labelByte"/>.
    /// </summary>
    /// <exception cref="DatasetFormatException">The stream ends inside a record, or a label byte is out of range.</exception>
    public static void Read(Stream source, string sourceName, long count, CifarDefinition definition, int labelByte, Span<byte> pixels, Span<long> labels)
    {
        int recordLength = definition.RecordLength;
        int labelCount = definition.LabelBytes.Count;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, RecordsPerChunk) * recordLength);
        try
        {
            for (long first = 0; first < count; first += RecordsPerChunk)
            {
                int records = (int)Math.Min(RecordsPerChunk, count - first);
                Span<byte> chunk = buffer.AsSpan(0, records * recordLength);
                Fill(source, chunk, sourceName, first, recordLength);
                for (int r = 0; r < records; r++)
                {
                    int index = (int)first + r;
                    ReadOnlySpan<byte> record = chunk.Slice(r * recordLength, recordLength);
                    for (int b = 0; b < labelCount; b++)
                    {
                        CifarLabelByte label = definition.LabelBytes[b];
                        if (record[b] >= label.ClassCount)
                        {
                            throw new DatasetFormatException(
                                sourceName,
                                ((long)index * recordLength) + b,
                                $"{label.Description} of record {index}",
                                $"a class index in [0, {label.ClassCount - 1}]",
                                record[b].ToString(CultureInfo.InvariantCulture));
                        }
                    }

                    labels[index] = record[labelByte];
                    record[labelCount..].CopyTo(pixels.Slice(index * CifarDefinition.PixelBytes, CifarDefinition.PixelBytes));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Fill(Stream source, Span<byte> chunk, string sourceName, long firstRecord, int recordLength)
    {
        int total = source.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
        if (total < chunk.Length)
        {
            long record = firstRecord + (total / recordLength);
            throw new DatasetFormatException(
                sourceName,
                record * recordLength,
                $"record {record}",
                string.Create(CultureInfo.InvariantCulture, $"{recordLength:N0} bytes"),
                string.Create(CultureInfo.InvariantCulture, $"the data ends after {total % recordLength:N0} of them (truncated record)"));
        }
    }
}
