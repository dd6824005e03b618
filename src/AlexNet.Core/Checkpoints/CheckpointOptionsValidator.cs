using AlexNet.Core.Validation;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Checkpoints;

/// <summary>Validates <see cref="CheckpointOptions"/>; every message names the option, the accepted range and the value given.</summary>
public sealed class CheckpointOptionsValidator : IValidateOptions<CheckpointOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CheckpointOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail(OptionChecks.MissingMessage(nameof(CheckpointOptions)));
        }

        var check = new OptionChecks(nameof(CheckpointOptions));
        check.NotNull(options.Directory, nameof(options.Directory));
        check.NotNull(options.Monitor, nameof(options.Monitor));
        check.AtLeast(options.KeepLast, 0, nameof(options.KeepLast));
        check.AtLeast(options.EveryEpochs, 0, nameof(options.EveryEpochs));
        check.AtLeast(options.EverySteps, 0, nameof(options.EverySteps));
        check.Defined(options.Mode, nameof(options.Mode));
        return check.Result;
    }
}
