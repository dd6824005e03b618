using System;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// A checkpoint file that cannot be used: not a checkpoint, written by a newer format, truncated, corrupt, or made
/// for a different model or optimizer. The message names the file, the offset where it applies, and what was wrong.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    internal CheckpointException(string filePath, string problem, long? offset = null, Exception? innerException = null)
        : base(Describe(filePath, problem, offset), innerException)
    {
        FilePath = filePath;
        Problem = problem;
        Offset = offset;
    }

    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Problem { get; }

    /// <summary>The byte offset in the file where the problem was found, when it applies to one place.</summary>
    public long? Offset { get; }

    private static string Describe(string filePath, string problem, long? offset) =>
        (string.IsNullOrEmpty(filePath) ? "Checkpoint: " : $"Checkpoint '{filePath}': ") + problem + (offset is long o ? $" (at byte offset {o})." : ".");
}
