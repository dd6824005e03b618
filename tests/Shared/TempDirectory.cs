using System;
using System.IO;

namespace AlexNet.Tests.Shared;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alexnet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file under the directory, relative to it, sorted.</summary>
    public string[] Files()
    {
        string[] files = Directory.GetFiles(Path, "*", SearchOption.AllDirectories);
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = System.IO.Path.GetRelativePath(Path, files[i]);
        }

        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
