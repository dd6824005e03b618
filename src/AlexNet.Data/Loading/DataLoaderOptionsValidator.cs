using AlexNet.Core.Validation;

namespace AlexNet.Data.Loading;

/// <summary>Checks <see cref="DataLoaderOptions"/>; each message names the option, the accepted range and the value given.</summary>
internal sealed class DataLoaderOptionsValidator : OptionsValidator<DataLoaderOptions>
{
    /// <inheritdoc />
    protected override void Check(DataLoaderOptions options, OptionChecks check)
    {
        check.AtLeast(options.BatchSize, 1, nameof(options.BatchSize));
        check.Device(options.Device, nameof(options.Device));
    }
}
