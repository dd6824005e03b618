using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AlexNet.Core.IO;

/// <summary>
/// Streams the body of one HTTP GET into a stream, with a size cap, a timeout and progress reports: the one download
/// loop of the library (AlexNet.Data's dataset files and the pretrained weights). The caller owns the destination (an
/// <see cref="AtomicFile"/> temporary file) and turns an <see cref="HttpFetchException"/> into its own typed error.
/// </summary>
internal static class HttpFileFetch
{
    private const int ProgressStepBytes = 1 << 20;

    /// <summary>A client without its own timeout (each fetch has one), shared by every download.</summary>
    public static HttpClient SharedClient { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Copies the body of <paramref name="url"/> into <paramref name="destination"/> and flushes it. The body is capped at
    /// the length the server announces, no more than <paramref name="knownLength"/> (when not null); with no announced
    /// length, at <paramref name="capWithoutLength"/> (null: no cap). Returns the bytes received.
    /// </summary>
    /// <exception cref="HttpFetchException">
    /// The server answered with an error, sent more than the cap, closed the connection early, or the timeout passed.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<long> CopyAsync(
        HttpClient client,
        Uri url,
        Stream destination,
        string fileName,
        long? knownLength,
        long? capWithoutLength,
        TimeSpan timeout,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        long received = 0;
        long? total = null;
        try
        {
            using HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpFetchException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            total = response.Content.Headers.ContentLength;
            long? cap = total is long announced ? Math.Min(announced, knownLength ?? long.MaxValue) : capWithoutLength;
            progress?.Report(new DownloadProgress(fileName, 0, total));
            using Stream body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
            byte[] buffer = new byte[1 << 16];
            long nextReport = ProgressStepBytes;
            int n;
            while ((n = await body.ReadAsync(buffer, limit.Token).ConfigureAwait(false)) > 0)
            {
                if (received + n > cap)
                {
                    throw new HttpFetchException(string.Create(CultureInfo.InvariantCulture,
                        $"the server sent more than the expected {cap:N0} bytes; the download was stopped there and nothing was saved"));
                }

                await destination.WriteAsync(buffer.AsMemory(0, n), limit.Token).ConfigureAwait(false);
                received += n;
                if (received >= nextReport)
                {
                    progress?.Report(new DownloadProgress(fileName, received, total));
                    nextReport = received + ProgressStepBytes;
                }
            }

            await destination.FlushAsync(limit.Token).ConfigureAwait(false);
            if (total is long expected && received != expected)
            {
                throw new HttpFetchException(Received(received, total) + " (the connection closed early)");
            }

            progress?.Report(new DownloadProgress(fileName, received, total));
            return received;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpFetchException($"timed out after {timeout} with {Received(received, total)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new HttpFetchException($"the request failed with {Received(received, total)}: {e.Message}", e);
        }
        catch (IOException e) when (e is not HttpFetchException)
        {
            throw new HttpFetchException($"the connection closed after {Received(received, total)}: {e.Message}", e);
        }
    }

    private static string Received(long received, long? total) => total is long t
        ? string.Create(CultureInfo.InvariantCulture, $"{received:N0} of {t:N0} bytes received")
        : string.Create(CultureInfo.InvariantCulture, $"{received:N0} bytes received");
}
