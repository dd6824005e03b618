using System;
using System.Collections.Generic;

namespace AlexNet.Data.Datasets;

/// <summary>
/// The known MD5 checksums of one dataset file: of the file as published (for example the official .gz), and of its
/// decompressed content. A file is accepted when either known sum matches, so a re-compressed copy with the same
/// content (as Debian's <c>dataset-fashion-mnist</c> ships) passes, and so does the official archive.
/// </summary>
internal sealed class FileChecksum
{
    /// <summary>Creates the checksum record of <paramref name="fileName"/>; MD5s are 32 hexadecimal digits, or null where unknown.</summary>
    /// <exception cref="ArgumentException">An MD5 is not 32 hexadecimal digits.</exception>
    public FileChecksum(string fileName, string? fileMd5, string? contentMd5)
        : this(fileName, fileMd5, contentMd5, fileLength: null)
    {
    }

    /// <summary>
    /// Creates the checksum record of <paramref name="fileName"/> with the length of the file as published, which
    /// caps downloads and is checked before the file's MD5.
    /// </summary>
    /// <exception cref="ArgumentException">An MD5 is not 32 hexadecimal digits.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileLength"/> is negative.</exception>
    public FileChecksum(string fileName, string? fileMd5, string? contentMd5, long? fileLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (fileLength is long length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(fileLength));
        }

        FileName = fileName;
        FileMd5 = CheckMd5(fileMd5, nameof(fileMd5));
        ContentMd5 = CheckMd5(contentMd5, nameof(contentMd5));
        FileLength = fileLength;
    }

    /// <summary>The published file name, such as "train-images-idx3-ubyte.gz".</summary>
    public string FileName { get; }

    /// <summary>MD5 of the file exactly as published (lower-case hex), or null where unknown.</summary>
    public string? FileMd5 { get; }

    /// <summary>MD5 of the decompressed content (lower-case hex), or null where unknown. For an uncompressed file the content is the file.</summary>
    public string? ContentMd5 { get; }

    /// <summary>Length in bytes of the file as published, or null where unknown.</summary>
    public long? FileLength { get; }

    /// <summary>What is accepted, for messages.</summary>
    internal string DescribeExpected()
    {
        var parts = new List<string>();
        if (ContentMd5 is not null)
        {
            parts.Add($"MD5 {ContentMd5} of the decompressed content");
        }

        if (FileMd5 is not null)
        {
            parts.Add($"MD5 {FileMd5} of the file as published ({FileName})");
        }

        return string.Join(" or ", parts);
    }

    /// <summary>Throws unless <paramref name="fileMd5"/> or <paramref name="contentMd5"/> matches its known sum.</summary>
    /// <exception cref="DatasetChecksumException">Neither matches.</exception>
    internal void Verify(string path, string? fileMd5, string? contentMd5)
    {
        bool fileMatches = FileMd5 is not null && string.Equals(FileMd5, fileMd5, StringComparison.OrdinalIgnoreCase);
        bool contentMatches = ContentMd5 is not null && string.Equals(ContentMd5, contentMd5, StringComparison.OrdinalIgnoreCase);
        if ((FileMd5 is null && ContentMd5 is null) || fileMatches || contentMatches)
        {
            return;
        }

        var actual = new List<string>();
        if (contentMd5 is not null)
        {
            actual.Add($"MD5 {contentMd5} of the decompressed content");
        }

        if (fileMd5 is not null)
        {
            actual.Add($"MD5 {fileMd5} of the file");
        }

        throw new DatasetChecksumException(path, DescribeExpected(), string.Join(", ", actual));
    }

    private static string? CheckMd5(string? md5, string parameter)
    {
        if (md5 is null)
        {
            return null;
        }

        if (md5.Length != 32 || !IsHex(md5))
        {
            throw new ArgumentException($"An MD5 checksum is 32 hexadecimal digits; got '{md5}'.", parameter);
        }

        return md5.ToLowerInvariant();
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
