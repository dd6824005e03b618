using System;
using System.Collections.Generic;
using System.Globalization;
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
    private const int ProgressStepBytes = 1 << 20;
    private static readonly HttpClient SharedClient = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    private readonly HttpClient _httpClient;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a downloader.</summary>
    /// <param name="httpClient">The client to use (for proxies or handlers), or null for a shared default one. Its own timeout also applies.</param>
    /// <param name="timeout">Longest time one file may take, or null for 30 minutes.</param>
    public DatasetDownloader(HttpClient? httpClient = null, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        _httpClient = httpClient ?? SharedClient;
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        long received = 0;
        long? total = null;
        string name = Path.GetFileName(destination);
        try
        {
            using HttpResponseMessage response = await _httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DatasetDownloadException(url, destination, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            total = response.Content.Headers.ContentLength;
            long? cap = total is long announced ? Math.Min(announced, knownLength ?? long.MaxValue) : capWithoutLength;
            progress?.Report(new DownloadProgress(name, 0, total));
            using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            byte[] buffer = new byte[1 << 16];
            long nextReport = ProgressStepBytes;
            int n;
            while ((n = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (received + n > cap)
                {
                    throw new DatasetDownloadException(url, destination, string.Create(CultureInfo.InvariantCulture,
                        $"the server sent more than the expected {cap:N0} bytes; the download was stopped there and nothing was saved"));
                }

                await file.WriteAsync(buffer.AsMemory(0, n), timeout.Token).ConfigureAwait(false);
                received += n;
                if (received >= nextReport)
                {
                    progress?.Report(new DownloadProgress(name, received, total));
                    nextReport = received + ProgressStepBytes;
                }
            }

            await file.FlushAsync(timeout.Token).ConfigureAwait(false);

            if (total is long expected && received != expected)
            {
                throw new DatasetDownloadException(url, destination, Received(received, total) + " (the connection closed early)");
            }

            progress?.Report(new DownloadProgress(name, received, total));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DatasetDownloadException(url, destination, $"timed out after {_timeout} with {Received(received, total)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new DatasetDownloadException(url, destination, $"the request failed with {Received(received, total)}: {e.Message}", e);
        }
        catch (IOException e) when (e is not DatasetException)
        {
            throw new DatasetDownloadException(url, destination, $"the connection closed after {Received(received, total)}: {e.Message}", e);
        }
    }

    private static string Received(long received, long? total) => total is long t
        ? string.Create(CultureInfo.InvariantCulture, $"{received:N0} of {t:N0} bytes received")
        : string.Create(CultureInfo.InvariantCulture, $"{received:N0} bytes received");

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
