using System;
using System.IO;
using System.Text;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// Writes files so that a crash never leaves a half-written one in place: the content goes to a temporary file in
/// the same directory, is flushed to disk, and is then renamed over the target (an atomic replace on the same file
/// system). A reader sees either the old file or the new one, never a mix.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/> atomically; <paramref name="write"/> fills the (seekable) stream.</summary>
    public static void Write(string path, Action<FileStream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> atomically.</summary>
    public static void Copy(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        Write(destination, output => input.CopyTo(output, 1 << 20));
    }

    /// <summary>True when <paramref name="path"/> is a temporary file this class writes (left behind only by a crash).</summary>
    public static bool IsTemporaryFile(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(TemporarySuffix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Deletes the temporary files a crashed writer left for <paramref name="fileName"/> in <paramref name="directory"/>
    /// (or for any file, when <paramref name="fileName"/> is null). Returns how many were deleted.
    /// </summary>
    public static int DeleteStaleTemporaryFiles(string directory, string? fileName = null)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        string pattern = fileName is null ? "*" + TemporarySuffix : $".{fileName}.*{TemporarySuffix}";
        int deleted = 0;
        foreach (string file in Directory.EnumerateFiles(directory, pattern))
        {
            if (IsTemporaryFile(file) && TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
