using System;
using System.IO;

namespace AlexNet.Core.Interop;

/// <summary>
/// A weights download did not complete or gave the wrong file: the server answered with an error, the connection was
/// cut, the body was longer than the entry allows, the time ran out, or the SHA-256 did not start with the entry's
/// prefix. Nothing is left at the destination when this is thrown (a file already there is left as it was).
/// </summary>
public sealed class WeightsDownloadException : IOException
{
    internal WeightsDownloadException(Uri url, string destination, string problem, Exception? innerException = null)
        : base($"Download of {url} to {destination} failed: {problem}. No file was left at the destination; to work offline, "
            + $"put the published file there or give its path ({nameof(PretrainedOptions)}.{nameof(PretrainedOptions.WeightsFile)}).", innerException)
    {
        Url = url;
        Destination = destination;
        Problem = problem;
    }

    /// <summary>The address that was downloaded.</summary>
    public Uri Url { get; }

    /// <summary>The file in the cache the download was for.</summary>
    public string Destination { get; }

    /// <summary>What happened, such as "the connection closed after 1,024 of 4,096 bytes received".</summary>
    public string Problem { get; }
}
