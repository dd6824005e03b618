namespace AlexNet.Data.Datasets;

/// <summary>Progress of one file download, reported through <see cref="System.IProgress{T}"/>.</summary>
/// <param name="FileName">The file being downloaded.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The file's size when the server states it, else null.</param>
public readonly record struct DownloadProgress(string FileName, long BytesReceived, long? TotalBytes);
