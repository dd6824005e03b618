using System;
using System.IO;
using AlexNet.Core.IO;

namespace AlexNet.Data.Images;

/// <summary>
/// Reads an image file's bytes for the decoder after checking, without opening it, that the path is a regular file:
/// a directory, a FIFO (whose opening would wait for a writer), a device or a socket is refused, and a dangling
/// symbolic link is reported as such.
/// </summary>
internal static class ImageFileReader
{
    /// <summary>The whole content of the file at <paramref name="path"/>.</summary>
    /// <exception cref="ImageDecodeException">The path is not a readable regular file; the problem says why.</exception>
    public static byte[] ReadAll(string path)
    {
        FileStatus status = FileStatus.Of(path, followLink: true);
        string? problem = status.Kind switch
        {
            FileKind.Missing => FileStatus.Of(path, followLink: false).Kind == FileKind.SymbolicLink
                ? $"dangling symbolic link: its target {LinkTarget(path)} does not exist"
                : Path.GetFileName(path).Contains('\uFFFD', StringComparison.Ordinal) ? NotUtf8("file") : "the file does not exist",
            FileKind.Directory => "is a directory, not an image file",
            FileKind.Fifo => "not a regular file (a named pipe, FIFO); it is not opened",
            FileKind.Device => "not a regular file (a device); it is not opened",
            FileKind.Socket => "not a regular file (a socket); it is not opened",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ImageDecodeException(path, problem);
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImageDecodeException(path, $"permission denied: this user may not read the file ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or OutOfMemoryException)
        {
            throw new ImageDecodeException(path, $"the file cannot be read ({e.Message})", e);
        }
    }

    /// <summary>The problem of a file or folder whose name is not valid UTF-8 (.NET's path has U+FFFD where the bytes were).</summary>
    public static string NotUtf8(string what) =>
        $"the {what}'s name is not valid UTF-8, so .NET cannot open it (the name shown has U+FFFD for the invalid bytes); rename it";

    private static string LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "(unknown)";
        }
        catch (IOException)
        {
            return "(unknown)";
        }
    }
}
