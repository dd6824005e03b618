
namespace AlexNet.Samples.Common.Outputs;

/// <summary>
/// Writes a run's output files whole or not at all: to a temporary file beside the target, then renamed over it, so a
/// run stopped mid-write never leaves half a report or half a settings file.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>, replacing the file atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, replacing the file atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, temporary => File.WriteAllBytes(temporary, bytes));

    private static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
