using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Data.Datasets;

/// <summary>
/// The files of a dataset are not where the reader looked. The message names the directory, the files looked for,
/// and how to get them.
/// </summary>
public sealed class DatasetNotFoundException : DatasetException
{
    /// <summary>Creates the exception; the message states every argument.</summary>
    /// <param name="directory">The directory (or path) that was searched.</param>
    /// <param name="filesLookedFor">The file names (or alternatives) that were looked for and not found.</param>
    /// <param name="howToGet">How to obtain the files, such as an install command or a download call.</param>
    internal DatasetNotFoundException(string directory, IReadOnlyList<string> filesLookedFor, string howToGet)
        : base($"{directory}: dataset files not found; looked for {string.Join(", ", filesLookedFor ?? [])}. {howToGet}")
    {
        Directory = directory;
        FilesLookedFor = (filesLookedFor ?? []).ToArray();
        HowToGet = howToGet;
    }

    /// <summary>The directory (or path) that was searched.</summary>
    public string Directory { get; }

    /// <summary>The file names that were looked for and not found.</summary>
    public IReadOnlyList<string> FilesLookedFor { get; }

    /// <summary>How to obtain the files.</summary>
    public string HowToGet { get; }
}
