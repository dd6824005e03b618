namespace AlexNet.Core.IO;

/// <summary>Progress of one file download, reported through <see cref="System.IProgress{T}"/>. Two reports are equal when all three values are.</summary>
public readonly struct DownloadProgress
{
    internal DownloadProgress(string fileName, long bytesReceived, long? totalBytes)
    {
        FileName = fileName;
        BytesReceived = bytesReceived;
        TotalBytes = totalBytes;
    }

    /// <summary>The file being downloaded.</summary>
    public string FileName { get; }

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived { get; }

    /// <summary>The file's size when the server states it, else null.</summary>
    public long? TotalBytes { get; }

    /// <summary>For example "data.bin: 1000 of 2500000 bytes" (or "data.bin: 1000 bytes" when the size is unknown).</summary>
    public override string ToString() => TotalBytes is long total ? $"{FileName}: {BytesReceived} of {total} bytes" : $"{FileName}: {BytesReceived} bytes";
}
