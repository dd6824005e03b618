using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace AlexNet.Core.IO;

/// <summary>
/// Writes files so that a crash never leaves a half-written one in place: the content goes to a temporary file in
/// the same directory, is flushed to disk, and is then renamed over the target (an atomic replace on the same file
/// system). A reader sees either the old file or the new one, never a mix. The one way the library writes a file:
/// checkpoints, weights, ONNX models, metrics files and downloaded dataset files.
/// </summary>
internal static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/> atomically; <paramref name="write"/> fills the (seekable) stream.</summary>
    public static void Write(string path, Action<FileStream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Task done = WriteAsync(path, FileOptions.None, stream =>
        {
            write(stream);
            return Task.CompletedTask;
        }, verify: null);
        done.GetAwaiter().GetResult(); // completes synchronously: a synchronous stream and a synchronous writer
    }

    /// <summary>
    /// Writes <paramref name="path"/> atomically from asynchronous code: <paramref name="write"/> fills the stream (opened
    /// for asynchronous IO), the content is flushed to disk, then <paramref name="verify"/> (when given) checks the
    /// temporary file by its path and throws to refuse it; only then is it renamed over <paramref name="path"/>. On any
    /// failure the temporary file is deleted and a file already at <paramref name="path"/> is left as it was.
    /// </summary>
    public static Task WriteAsync(string path, Func<FileStream, Task> write, Action<string>? verify = null) =>
        WriteAsync(path, FileOptions.Asynchronous, write, verify);

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

    private static async Task WriteAsync(string path, FileOptions fileOptions, Func<FileStream, Task> write, Action<string>? verify)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, fileOptions))
            {
                await write(stream).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            verify?.Invoke(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
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
