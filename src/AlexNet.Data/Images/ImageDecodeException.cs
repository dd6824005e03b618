using System;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Images;

/// <summary>
/// An image file could not be decoded as asked: it is empty, not an image format the decoder knows, corrupt or
/// truncated, or it decodes to a size that does not fit the batch. The message names the file and what was wrong.
/// </summary>
public sealed class ImageDecodeException : DatasetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file (or "(stream)" / "(bytes)" for in-memory input).</param>
    /// <param name="problem">What is wrong, such as "the file is empty (0 bytes)".</param>
    /// <param name="innerException">The underlying error, if any.</param>
    internal ImageDecodeException(string file, string problem, Exception? innerException = null)
        : base($"{file}: {problem}.", innerException)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>Creates the exception for a file that decoded, but at another size than the batch's images.</summary>
    internal ImageDecodeException(string file, bool isOtherSize, string problem)
        : this(file, problem)
    {
        IsOtherSize = isOtherSize;
    }

    /// <summary>The file that could not be decoded.</summary>
    public string File { get; }

    /// <summary>What was wrong with it.</summary>
    public string Problem { get; }

    /// <summary>Whether the file decoded but at another size than the other images of its batch (no crop set).</summary>
    internal bool IsOtherSize { get; }
}
