using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Reads one dataset file, raw or gzip (detected by its magic bytes, not its name), as a forward-only content stream,
/// computing the MD5s its <see cref="FileChecksum"/> needs on the way and turning short reads and corrupt gzip data
/// into <see cref="DatasetFormatException"/>s that name the file and the offset.
/// </summary>
internal sealed class DatasetFileReader : IDisposable
{
    /// <summary>Deflate cannot compress better than about 1032:1; a gzip file of n bytes holds at most this many content bytes per byte.</summary>
    private const long MaxDeflateRatio = 1032;

    private const int FileBufferSize = 1 << 20;

    private readonly TrackedReadStream _file;
    private readonly TrackedReadStream _content;
    private readonly FileChecksum? _checksum;

    private DatasetFileReader(string path, FileStream stream, bool isGzip, FileChecksum? checksum)
    {
        Path = path;
        FileLength = stream.Length;
        IsGzip = isGzip;
        _checksum = checksum;
        bool hashContent = checksum?.ContentMd5 is not null;
        bool hashFile = checksum?.FileMd5 is not null && !hashContent;
        _file = new TrackedReadStream(stream, path, isGzipOutput: false, computeMd5: hashFile);
        _content = isGzip
            ? new TrackedReadStream(new GZipStream(_file, CompressionMode.Decompress), path, isGzipOutput: true, computeMd5: hashContent)
            : new TrackedReadStream(_file, path, isGzipOutput: false, computeMd5: hashContent);
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The file's length on disk.</summary>
    public long FileLength { get; }

    /// <summary>True when the file is gzip-compressed.</summary>
    public bool IsGzip { get; }

    /// <summary>The content (decompressed for gzip files).</summary>
    public Stream Content => _content;

    /// <summary>Bytes of content read so far.</summary>
    public long ContentPosition => _content.Position;

    /// <summary>An upper bound on the content length, to check header-declared sizes against before allocating.</summary>
    public long MaxContentLength => IsGzip ? FileLength * MaxDeflateRatio : FileLength;

    /// <summary>Opens <paramref name="path"/>; with a <paramref name="checksum"/>, <see cref="VerifyChecksum"/> checks it at the end.</summary>
    /// <exception cref="DatasetNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetAccessException">The path is a directory, or the file cannot be read.</exception>
    public static DatasetFileReader Open(string path, FileChecksum? checksum)
    {
        DatasetAccessException.ThrowIfDirectory(path);
        if (!File.Exists(path))
        {
            throw new DatasetNotFoundException(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? path, [System.IO.Path.GetFileName(path)], $"The file {path} does not exist.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException e)
        {
            throw DatasetAccessException.NotReadable(path, e);
        }

        try
        {
            VerifyBeforeDecompressing(path, ref checksum);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        try
        {
            Span<byte> magic = stackalloc byte[2];
            bool isGzip = stream.Read(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            stream.Position = 0;
            return new DatasetFileReader(path, stream, isGzip, checksum);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Where only the published file's MD5 can accept a file (no content MD5 is known), checks its length and MD5
    /// before anything is decompressed or allocated, so that a small malicious archive is refused before it expands;
    /// a file that passes needs no second check (<paramref name="checksum"/> becomes null).
    /// </summary>
    /// <exception cref="DatasetChecksumException">The length or the MD5 differs from the published file's.</exception>
    private static void VerifyBeforeDecompressing(string path, ref FileChecksum? checksum)
    {
        if (checksum is null || checksum.FileMd5 is null || checksum.ContentMd5 is not null)
        {
            return;
        }

        long length = new FileInfo(path).Length;
        if (checksum.FileLength is long published && length != published)
        {
            throw new DatasetChecksumException(
                path,
                checksum.DescribeExpected(),
                string.Create(CultureInfo.InvariantCulture, $"a file of {length:N0} bytes, not the published {published:N0} (checked before reading its content)"));
        }

        checksum.Verify(path, Md5OfFile(path), null);
        checksum = null;
    }

    /// <summary>Fills <paramref name="buffer"/> from the content, or throws a truncation error naming <paramref name="field"/>.</summary>
    /// <exception cref="DatasetFormatException">The content ends first (a truncated file), or the gzip data is corrupt.</exception>
    public void ReadExactly(Span<byte> buffer, string field)
    {
        long start = ContentPosition;
        int total = _content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (total < buffer.Length)
        {
            throw new DatasetFormatException(
                Path,
                start,
                field,
                string.Create(CultureInfo.InvariantCulture, $"{buffer.Length:N0} bytes"),
                string.Create(CultureInfo.InvariantCulture, $"the {(IsGzip ? "decompressed content" : "file")} ends after {total:N0} of them (truncated file)"));
        }
    }

    /// <summary>Throws unless the content ends here: a file longer than its header says is as wrong as a shorter one.</summary>
    /// <exception cref="DatasetFormatException">More content follows.</exception>
    public void ExpectEnd(string expected)
    {
        long position = ContentPosition;
        Span<byte> one = stackalloc byte[1];
        if (_content.Read(one) == 0)
        {
            return;
        }

        long extra = 1 + _content.Drain();
        throw new DatasetFormatException(
            Path,
            position,
            "end of data",
            expected,
            string.Create(CultureInfo.InvariantCulture, $"{extra:N0} more bytes (the {(IsGzip ? "decompressed content" : "file")} is longer than the header says)"));
    }

    /// <summary>
    /// Reads the rest of the content, so that a gzip file's CRC-32 and length trailer is checked even where the reader
    /// needed only part of the content (deflate can decode some corruptions into wrong bytes without an error).
    /// </summary>
    /// <exception cref="DatasetFormatException">The gzip data is corrupt.</exception>
    public void ReadToEnd() => _content.Drain();

    /// <summary>
    /// Reads whatever is left (so the MD5s cover the whole file) and checks the checksum given to <see cref="Open"/>;
    /// with no checksum it only reads the rest of the content, as <see cref="ReadToEnd"/> does.
    /// </summary>
    /// <exception cref="DatasetChecksumException">Neither known MD5 matches.</exception>
    /// <exception cref="DatasetFormatException">The gzip data is corrupt.</exception>
    public void VerifyChecksum()
    {
        if (_checksum is null)
        {
            ReadToEnd();
            return;
        }

        string? contentMd5 = null;
        if (_checksum.ContentMd5 is not null)
        {
            _content.Drain();
            contentMd5 = _content.FinishMd5();
        }

        _file.Drain();
        string? fileMd5 = _checksum.FileMd5 is null ? null : _file.FinishMd5();
        if (fileMd5 is null && _checksum.FileMd5 is not null && contentMd5 != _checksum.ContentMd5)
        {
            // The content did not match; the file as published still may (hashed only now, as this is rare).
            fileMd5 = IsGzip ? Md5OfFile(Path) : contentMd5;
        }

        _checksum.Verify(Path, fileMd5, contentMd5);
    }

    /// <summary>The MD5 of a whole file, lower-case hex.</summary>
    public static string Md5OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        return Convert.ToHexString(MD5.HashData(stream)).ToLowerInvariant();
    }

    public void Dispose() => _content.Dispose();
}
