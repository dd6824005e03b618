using System;

namespace AlexNet.Data.Datasets;

/// <summary>
/// A download did not complete: the server answered with an error, the connection was cut, or it timed out.
/// Nothing is left behind at the destination when this is thrown.
/// </summary>
public sealed class DatasetDownloadException : DatasetException
{
    /// <summary>Creates the exception; the message states every argument.</summary>
    /// <param name="url">The address that was being downloaded.</param>
    /// <param name="destination">The file the download was for.</param>
    /// <param name="problem">What happened, such as "connection closed after 1,024 of 4,096 bytes".</param>
    /// <param name="innerException">The underlying network error, if any.</param>
    internal DatasetDownloadException(Uri url, string destination, string problem, Exception? innerException = null)
        : base($"Download of {url} to {destination} failed: {problem}. No file was left at the destination.", innerException)
    {
        Url = url;
        Destination = destination;
        Problem = problem;
    }

    /// <summary>The address that was being downloaded.</summary>
    public Uri Url { get; }

    /// <summary>The file the download was for (not created).</summary>
    public string Destination { get; }

    /// <summary>What happened.</summary>
    public string Problem { get; }
}
