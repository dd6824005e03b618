using AlexNet.Core.Validation;

namespace AlexNet.Core.Training.Hooks;

/// <summary>Validates <see cref="CheckpointOptions"/>; every message names the option, the accepted range and the value given.</summary>
internal sealed class CheckpointOptionsValidator : OptionsValidator<CheckpointOptions>
{
    /// <inheritdoc />
    protected override void Check(CheckpointOptions options, OptionChecks check)
    {
        check.NotNull(options.Directory, nameof(options.Directory));
        check.NotNull(options.Monitor, nameof(options.Monitor));
        check.AtLeast(options.KeepLast, 0, nameof(options.KeepLast));
        check.AtLeast(options.EveryEpochs, 0, nameof(options.EveryEpochs));
        check.AtLeast(options.EverySteps, 0, nameof(options.EverySteps));
        check.Defined(options.Mode, nameof(options.Mode));
    }
}
