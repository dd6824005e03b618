using System;
using System.IO;

namespace AlexNet.Tests.Shared;

/// <summary>Files of this repository (such as the PyTorch fixtures), found from a test's output folder.</summary>
public static class RepositoryFile
{
    /// <summary>
    /// The full path of <paramref name="relativePath"/> (relative to the repository root), looked for in the test's output
    /// folder and in each folder above it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No folder above the output folder holds the file.</exception>
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }
}
