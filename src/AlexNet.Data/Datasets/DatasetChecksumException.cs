namespace AlexNet.Data.Datasets;

/// <summary>
/// A dataset file does not match its known checksum: it is corrupt, incomplete, or not the published file.
/// Turn verification off with <see cref="DatasetLoadOptions.VerifyChecksums"/> only for files you made yourself.
/// </summary>
public sealed class DatasetChecksumException : DatasetException
{
    /// <summary>Creates the exception; the message states every argument.</summary>
    /// <param name="file">The file that failed verification.</param>
    /// <param name="expected">The accepted checksum(s), with what each covers.</param>
    /// <param name="actual">The checksum(s) computed from the file.</param>
    internal DatasetChecksumException(string file, string expected, string actual)
        : base($"{file}: checksum mismatch: expected {expected}; actual {actual}. The file is corrupt, incomplete or not the published one; delete it and get it again (or set DatasetLoadOptions.VerifyChecksums = false for files you made yourself).")
    {
        File = file;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The file that failed verification.</summary>
    public string File { get; }

    /// <summary>The accepted checksum(s).</summary>
    public string Expected { get; }

    /// <summary>The checksum(s) computed from the file.</summary>
    public string Actual { get; }
}
