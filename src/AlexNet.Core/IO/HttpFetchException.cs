using System;
using System.IO;

namespace AlexNet.Core.IO;

/// <summary>
/// <see cref="HttpFileFetch.CopyAsync"/> did not complete; <see cref="Exception.Message"/> says what happened, such as
/// "the connection closed after 1,024 of 4,096 bytes received". Callers rethrow it as their own typed error.
/// </summary>
internal sealed class HttpFetchException : IOException
{
    public HttpFetchException(string problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
