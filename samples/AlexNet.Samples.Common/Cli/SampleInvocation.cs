using System.CommandLine;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// Parses and runs a sample's command so that every ordinary mistake ends as one line on standard error and a
/// documented exit code, never a .NET stack trace: a parse or validation error (and a
/// <see cref="CommandLineUsageException"/>) exits with <see cref="SampleCommandLine.UsageError"/> (2); any exception the
/// command throws (a file that cannot be read, a corrupt checkpoint, an image that cannot be decoded, an unexpected
/// library failure) exits with <see cref="SampleCommandLine.Failure"/> (1) after printing its message.
/// </summary>
public static class SampleInvocation
{
    /// <summary>Parses <paramref name="args"/> with <paramref name="command"/> and invokes it; returns the exit code.</summary>
    /// <param name="program">The name that starts each error line (such as "predict").</param>
    /// <param name="command">The root command, its actions set.</param>
    /// <param name="args">The program's arguments.</param>
    /// <param name="output">Standard output (help goes here).</param>
    /// <param name="error">Standard error (the one error line goes here).</param>
    public static int Invoke(string program, RootCommand command, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            error.WriteLine($"{program}: {ErrorLine(parsed)} See --help.");
            return SampleCommandLine.UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CommandLineUsageException e)
        {
            error.WriteLine($"{program}: {OneLine(e.Message)}");
            return SampleCommandLine.UsageError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error.WriteLine($"{program}: {Describe(e)}");
            return SampleCommandLine.Failure;
        }
    }

    /// <summary>The parse errors as one line of sentences.</summary>
    public static string ErrorLine(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return string.Join(" ", parsed.Errors.Select(e => e.Message.EndsWith('.') ? e.Message : e.Message + "."));
    }

    /// <summary>
    /// One line for an exception: its message (an <see cref="AggregateException"/> of one failure is unwrapped); an
    /// exception type the library does not document is named, so that a report can say what failed.
    /// </summary>
    public static string Describe(Exception exception)
    {
        exception = Unwrap(exception);
        bool documented = exception is IOException or InvalidDataException or UnauthorizedAccessException or CommandLineUsageException
            or Microsoft.Extensions.Options.OptionsValidationException
            || exception.GetType().Namespace?.StartsWith("AlexNet.", StringComparison.Ordinal) == true;
        string message = OneLine(exception.Message);
        return documented ? message : $"unexpected {exception.GetType().Name}: {message}";
    }

    /// <summary>The one failure inside (nested) <see cref="AggregateException"/>s of one exception each, else <paramref name="exception"/>.</summary>
    public static Exception Unwrap(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception;
    }

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
