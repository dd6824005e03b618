using System.Collections.Generic;
using AlexNet.Core.Training;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Checkpoints;

/// <summary>Validates <see cref="CheckpointOptions"/>; every message names the option, the accepted range and the value given.</summary>
public sealed class CheckpointOptionsValidator : IValidateOptions<CheckpointOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CheckpointOptions options)
    {
        var failures = new List<string>();
        Collect(options, nameof(CheckpointOptions), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void Collect(CheckpointOptions? options, string prefix, List<string> failures)
    {
        var check = new OptionChecks(prefix, failures);
        if (options is null)
        {
            failures.Add(OptionChecks.Missing(prefix));
            return;
        }

        check.NotNull(options.Directory, nameof(options.Directory));
        check.NotNull(options.Monitor, nameof(options.Monitor));
        check.AtLeast(options.KeepLast, 0, nameof(options.KeepLast));
        check.AtLeast(options.EveryEpochs, 0, nameof(options.EveryEpochs));
        check.AtLeast(options.EverySteps, 0, nameof(options.EverySteps));
        check.Defined(options.Mode, nameof(options.Mode));
    }
}
