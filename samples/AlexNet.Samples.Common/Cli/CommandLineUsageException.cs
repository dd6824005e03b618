namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// A command-line value found wrong only while the command runs (a folder that holds no model, an existing file the
/// command would overwrite): <see cref="SampleInvocation"/> prints its message as one line and exits with
/// <see cref="SampleCommandLine.UsageError"/>.
/// </summary>
public sealed class CommandLineUsageException : Exception
{
    /// <summary>A usage error with a message that names the argument and the remedy.</summary>
    public CommandLineUsageException(string message)
        : base(message)
    {
    }

    /// <summary>A usage error without a message (for serialisers; prefer the constructor with a message).</summary>
    public CommandLineUsageException()
    {
    }

    /// <summary>A usage error caused by <paramref name="innerException"/>.</summary>
    public CommandLineUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
