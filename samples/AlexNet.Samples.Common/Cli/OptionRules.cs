using System.CommandLine;
using System.CommandLine.Parsing;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// Checks of single command-line values, added to an option so that a wrong value is a parse error: one line that
/// names the option, what it needs and what was given, and exit code 2.
/// </summary>
public static class OptionRules
{
    /// <summary>The option's whole number must be at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (Converted<int>(result) is int value && value < minimum)
            {
                result.AddError($"{option.Name} must be {minimum} or more; got {value}.");
            }
        });
        return option;
    }

    /// <summary>The option's number must be finite and above <paramref name="lower"/> (and below <paramref name="upper"/> when given).</summary>
    public static Option<double> Between(this Option<double> option, double lower, double? upper = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (Converted<double>(result) is double value && (!double.IsFinite(value) || value <= lower || value >= (upper ?? double.PositiveInfinity)))
            {
                string range = upper is null ? $"a number above {lower}" : $"a number between {lower} and {upper} (both excluded)";
                result.AddError(FormattableString.Invariant($"{option.Name} must be {range}; got {value}."));
            }
        });
        return option;
    }

    /// <summary>The option, when given, must name an existing regular file (or, with <paramref name="folderAllowed"/>, a folder).</summary>
    public static Option<string?> ExistingFile(this Option<string?> option, bool folderAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && InputPaths.FileProblem(option.Name, path, folderAllowed) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    /// <summary>The option, when given, must name a folder that does not exist yet or is empty (a run never writes over another's files).</summary>
    public static Option<string?> NewOrEmptyFolder(this Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } path)
            {
                return;
            }

            if (File.Exists(path))
            {
                result.AddError($"{option.Name}: {path} is a file; name a new or empty folder.");
            }
            else if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                result.AddError($"{option.Name}: the folder {path} already holds files (an earlier run?); name a new or empty folder, or remove it.");
            }
        });
        return option;
    }

    /// <summary>The option must name an existing folder.</summary>
    public static Option<string> ExistingFolder(this Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            string path = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!Directory.Exists(path))
            {
                result.AddError(File.Exists(path)
                    ? $"{option.Name}: {path} is a file; name a folder."
                    : $"{option.Name}: the folder {path} does not exist.");
            }
        });
        return option;
    }

    /// <summary>Every value of the argument must name an existing folder or a regular file.</summary>
    public static Argument<string[]> ExistingFilesOrFolders(this Argument<string[]> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result =>
        {
            foreach (string path in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                if (InputPaths.FileProblem(argument.Name, path, folderAllowed: true) is { } problem)
                {
                    result.AddError(problem);
                    return;
                }
            }
        });
        return argument;
    }

    /// <summary>The option's value, or null when its text could not be converted (that error is already reported).</summary>
    private static T? Converted<T>(OptionResult result)
        where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
