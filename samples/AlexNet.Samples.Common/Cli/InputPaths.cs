namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// Checks a path given on the command line before anything opens it: it must exist, a file must be a regular file
/// with data (a FIFO, a device or a socket would block or never end when read), and a folder is refused where a file
/// is needed.
/// </summary>
public static class InputPaths
{
    /// <summary>
    /// Null when <paramref name="path"/> names a readable kind of input for <paramref name="argument"/>; else one
    /// sentence naming the argument, the path, what is wrong and what to pass instead.
    /// </summary>
    /// <param name="argument">The option or argument name, such as "--model".</param>
    /// <param name="path">The path given.</param>
    /// <param name="folderAllowed">Whether a folder is accepted.</param>
    public static string? FileProblem(string argument, string path, bool folderAllowed)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return folderAllowed ? null : $"{argument}: {path} is a folder; pass a file.";
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return file.LinkTarget is { } target
                ? $"{argument}: {path} is a symbolic link to {target}, which does not exist."
                : $"{argument}: {path} does not exist.";
        }

        // stat reports a size of 0 for FIFOs, devices and sockets: refusing empty files here keeps such an input from
        // blocking the read forever (opening a FIFO waits for a writer).
        return file.Length == 0
            ? $"{argument}: {path} is empty or not a regular file (a FIFO, device or socket); pass a regular file."
            : null;
    }
}
