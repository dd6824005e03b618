using System;
using System.Globalization;

namespace AlexNet.Data.Datasets;

/// <summary>
/// A dataset file is not in the format its reader expects: wrong magic number, unknown type code, a length that
/// disagrees with the header, a truncated record, a label out of range, a corrupt gzip stream, a tar archive without
/// the expected members.
/// </summary>
public sealed class DatasetFormatException : DatasetException
{
    /// <summary>Creates the exception; the message states every argument.</summary>
    /// <param name="file">The file (or archive) that is malformed.</param>
    /// <param name="offset">Byte offset of the problem in the file's (decompressed) content, or null where none applies.</param>
    /// <param name="field">What was being read, such as "IDX magic number" or "label of record 17".</param>
    /// <param name="expected">What the format requires there.</param>
    /// <param name="found">What the file holds instead.</param>
    /// <param name="innerException">The underlying error, such as the runtime's <see cref="System.IO.InvalidDataException"/> for a corrupt gzip stream.</param>
    internal DatasetFormatException(string file, long? offset, string field, string expected, string found, Exception? innerException = null)
        : base(Describe(file, offset, field, expected, found), innerException)
    {
        File = file;
        Offset = offset;
        Field = field;
        Expected = expected;
        Found = found;
    }

    /// <summary>The malformed file.</summary>
    public string File { get; }

    /// <summary>Byte offset of the problem in the file's content (after decompression for gzip files); null where none applies.</summary>
    public long? Offset { get; }

    /// <summary>What was being read.</summary>
    public string Field { get; }

    /// <summary>What the format requires.</summary>
    public string Expected { get; }

    /// <summary>What the file holds instead.</summary>
    public string Found { get; }

    private static string Describe(string file, long? offset, string field, string expected, string found)
    {
        string where = offset is long o ? string.Create(CultureInfo.InvariantCulture, $" at offset {o:N0}") : string.Empty;
        return $"{file}: {field}{where}: expected {expected}; found {found}.";
    }
}
