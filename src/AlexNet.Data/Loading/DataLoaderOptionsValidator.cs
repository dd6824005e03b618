using AlexNet.Core.Validation;

namespace AlexNet.Data.Loading;

/// <summary>Checks <see cref="DataLoaderOptions"/>; each message names the option, the accepted range and the value given.</summary>
internal sealed class DataLoaderOptionsValidator : OptionsValidator<DataLoaderOptions>
{
    /// <inheritdoc />
    protected override void Check(DataLoaderOptions options, OptionChecks check)
    {
        check.AtLeast(options.BatchSize, 1, nameof(options.BatchSize));
        check.Device(options.Device.ToString(), nameof(options.Device));
        check.AtLeast(options.WorldSize, 1, nameof(options.WorldSize));
        check.That(options.Rank >= 0 && options.Rank < options.WorldSize, nameof(options.Rank), $"in [0, WorldSize - 1] (WorldSize {options.WorldSize})", options.Rank);
    }
}
