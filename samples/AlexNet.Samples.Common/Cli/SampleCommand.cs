
namespace AlexNet.Samples.Common.Cli;

/// <summary>Formats the command that runs a sample, for reports.</summary>
public static class SampleCommand
{
    /// <summary>
    /// "dotnet run -c Release --project PROJECT -- ARGS", arguments with spaces or quotes single-quoted as a POSIX
    /// shell would need them.
    /// </summary>
    public static string Format(string project, IEnumerable<string> args)
    {
        string arguments = string.Join(" ", args.Select(Quote));
        return $"dotnet run -c Release --project {project}" + (arguments.Length > 0 ? " -- " + arguments : string.Empty);
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", System.StringComparison.Ordinal) + "'";
}
