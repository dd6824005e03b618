using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.IO;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Downloads dataset files like torchvision's <c>download=True</c>, but never leaves a partial or corrupt file behind:
/// each file goes to a temporary file in the destination directory, is flushed and verified against its checksum, and
/// only then renamed into place. A file already present that passes verification is kept, not downloaded again.
/// </summary>
internal sealed class DatasetDownloader
{
    private readonly HttpClient _httpClient;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a downloader.</summary>
    /// <param name="httpClient">The client to use (for proxies or handlers), or null for a shared default one. Its own timeout also applies.</param>
    /// <param name="timeout">Longest time one file may take, or null for 30 minutes.</param>
    public DatasetDownloader(HttpClient? httpClient = null, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        _httpClient = httpClient ?? HttpFileFetch.SharedClient;
        _timeout = limit;
    }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destination"/> and verifies it against <paramref name="checksum"/>.
    /// </summary>
    /// <returns>True when the file was downloaded; false when a file already at <paramref name="destination"/> passed verification and was kept.</returns>
    /// <exception cref="DatasetDownloadException">The server answered with an error, the connection was cut, or the download timed out.</exception>
    /// <exception cref="DatasetChecksumException">The downloaded bytes do not match <paramref name="checksum"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>On every failure the temporary file is deleted and any file already at the destination is left as it was.</remarks>
    /// <remarks>
    /// The download is capped by the length the server announces (Content-Length) and by
    /// <see cref="FileChecksum.FileLength"/> when known, whichever is smaller: a longer body is cut off there and
    /// nothing is saved. With neither length, the body is not capped.
    /// </remarks>
    public Task<bool> DownloadAsync(Uri url, string destination, FileChecksum? checksum, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadAsync(url, destination, checksum, checksum?.FileLength, checksum?.FileLength, progress, cancellationToken);

    // knownLength: the published length, no more is taken even where the server announces more (or null).
    // capWithoutLength: the most bytes taken when the server announces no length (or null for no cap).
    private async Task<bool> DownloadAsync(Uri url, string destination, FileChecksum? checksum, long? knownLength, long? capWithoutLength, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        string fullPath = Path.GetFullPath(destination);
        if (File.Exists(fullPath) && Verifies(fullPath, checksum))
        {
            return false;
        }

        await AtomicFile.WriteAsync(
            fullPath,
            file => FetchAsync(url, fullPath, file, knownLength, capWithoutLength, progress, cancellationToken),
            temporary => VerifyDownloaded(temporary, fullPath, url, checksum)).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Downloads each of <paramref name="files"/> into <paramref name="directory"/> from the options' base URL (or
    /// <paramref name="officialBaseUrl"/>), verifying them unless the options turn verification off; files already
    /// there that verify are kept.
    /// </summary>
    internal static async Task DownloadDatasetAsync(IEnumerable<FileChecksum> files, string directory, string officialBaseUrl, DatasetLoadOptions? options, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options = DatasetLoadOptionsValidator.ThrowIfInvalid(options);
        var downloader = new DatasetDownloader(timeout: options.DownloadTimeout);
        var baseUri = new Uri(options.DownloadBaseUrl ?? officialBaseUrl, UriKind.Absolute);
        foreach (FileChecksum file in files)
        {
            // Without verification (a mirror's files may be compressed differently), the published length is no
            // requirement, but a body of unannounced length is still capped, at twice that length.
            await downloader.DownloadAsync(
                new Uri(baseUri, file.FileName),
                Path.Combine(directory, file.FileName),
                options.VerifyChecksums ? file : null,
                options.VerifyChecksums ? file.FileLength : null,
                options.VerifyChecksums ? file.FileLength : 2 * file.FileLength,
                progress,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The synchronous form of <see cref="DownloadDatasetAsync"/>, for the readers' <see cref="DatasetLoadOptions.Download"/>.</summary>
    internal static void DownloadDataset(IEnumerable<FileChecksum> files, string directory, string officialBaseUrl, DatasetLoadOptions options) =>
        DownloadDatasetAsync(files, directory, officialBaseUrl, options, progress: null, CancellationToken.None).GetAwaiter().GetResult();

    private async Task FetchAsync(
        Uri url, string destination, FileStream file, long? knownLength, long? capWithoutLength, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await HttpFileFetch.CopyAsync(
                _httpClient, url, file, Path.GetFileName(destination), knownLength, capWithoutLength, _timeout, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpFetchException e)
        {
            throw new DatasetDownloadException(url, destination, e.Message, e.InnerException);
        }
    }

    /// <summary>True when <paramref name="path"/> passes <paramref name="checksum"/> (any file passes a null checksum).</summary>
    private static bool Verifies(string path, FileChecksum? checksum)
    {
        try
        {
            Verify(path, checksum);
            return true;
        }
        catch (DatasetException)
        {
            return false;
        }
    }

    private static void VerifyDownloaded(string temporary, string destination, Uri url, FileChecksum? checksum)
    {
        try
        {
            Verify(temporary, checksum);
        }
        catch (DatasetChecksumException e)
        {
            throw new DatasetChecksumException(destination, e.Expected, $"{e.Actual} (downloaded from {url}; nothing was saved)");
        }
        catch (DatasetFormatException e)
        {
            string md5 = DatasetFileReader.Md5OfFile(temporary);
            throw new DatasetChecksumException(destination, checksum!.DescribeExpected(), $"MD5 {md5} of a file whose content cannot be read ({e.Found}; downloaded from {url}; nothing was saved)");
        }
    }

    private static void Verify(string path, FileChecksum? checksum)
    {
        if (checksum is null)
        {
            return;
        }

        using DatasetFileReader reader = DatasetFileReader.Open(path, checksum);
        reader.VerifyChecksum();
    }
}
