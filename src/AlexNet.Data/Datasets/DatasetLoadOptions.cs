using System;

namespace AlexNet.Data.Datasets;

/// <summary>
/// How the dataset readers load files: checksum verification and optional download of missing files.
/// Bindable from configuration; the readers that take them validate them.
/// </summary>
public sealed class DatasetLoadOptions
{
    /// <summary>
    /// Verify each file against its published checksum (MD5) where one is known. Default true. Turn it off only for
    /// files you made yourself, such as a subset written in the official format.
    /// </summary>
    public bool VerifyChecksums { get; set; } = true;

    /// <summary>
    /// Download missing files (verified, into a temporary file that is renamed into place), like torchvision's
    /// <c>download=True</c>. Default false: a missing dataset is an error that says how to get it.
    /// </summary>
    public bool Download { get; set; }

    /// <summary>
    /// Base address to download from, ending in "/"; null (the default) uses the dataset's official location.
    /// File names are appended to it.
    /// </summary>
    public string? DownloadBaseUrl { get; set; }

    /// <summary>Longest time one file download may take. Default 30 minutes; accepted range (0, 24 hours].</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
