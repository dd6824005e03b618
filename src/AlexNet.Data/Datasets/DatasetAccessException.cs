using System;

namespace AlexNet.Data.Datasets;

/// <summary>
/// A dataset file is there but cannot be read as a file: the path is a directory, or reading it is not permitted.
/// The message names the path, what is wrong and what to do.
/// </summary>
public sealed class DatasetAccessException : DatasetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The path that cannot be read.</param>
    /// <param name="problem">What is wrong and what to do, as a sentence.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    internal DatasetAccessException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The path that cannot be read.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>Throws when <paramref name="path"/> is a directory where a dataset file should be.</summary>
    /// <exception cref="DatasetAccessException">It is a directory.</exception>
    internal static void ThrowIfDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            throw new DatasetAccessException(path, "this is a directory, where a dataset file of this name should be; remove or rename the directory and put the file there.");
        }
    }

    /// <summary>The exception for a file whose opening was refused.</summary>
    internal static DatasetAccessException NotReadable(string path, Exception e) =>
        new(path, $"the file exists but cannot be read ({e.Message}); give the user running this process read permission on it.", e);
}
