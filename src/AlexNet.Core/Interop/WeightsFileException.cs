using System;
using System.Globalization;

namespace AlexNet.Core.Interop;

/// <summary>
/// A weights file (<c>.pth</c> or <c>.safetensors</c>) that cannot be read or written: not that format, truncated, or
/// holding something other than a state dict of tensors. The message names the file, the entry or offset, what was
/// expected and what was found.
/// </summary>
public sealed class WeightsFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    internal WeightsFileException(string filePath, string problem, long? offset = null, Exception? innerException = null)
        : base(Describe(filePath, problem, offset), innerException)
    {
        FilePath = filePath;
        Problem = problem;
        Offset = offset;
    }

    /// <summary>The weights file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    /// <summary>The byte offset (in the file, or in the named entry) where the problem is, when known.</summary>
    public long? Offset { get; }

    private static string Describe(string filePath, string problem, long? offset)
    {
        string where = offset is { } at ? string.Create(CultureInfo.InvariantCulture, $" at offset {at}") : string.Empty;
        return filePath.Length == 0 ? problem : $"{filePath}{where}: {problem}";
    }
}
