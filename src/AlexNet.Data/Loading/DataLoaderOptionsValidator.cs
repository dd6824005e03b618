using AlexNet.Core.Validation;
using Microsoft.Extensions.Options;

namespace AlexNet.Data.Loading;

/// <summary>Checks <see cref="DataLoaderOptions"/>; each message names the option, the accepted range and the value given.</summary>
public sealed class DataLoaderOptionsValidator : IValidateOptions<DataLoaderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DataLoaderOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail(OptionChecks.MissingMessage(nameof(DataLoaderOptions)));
        }

        var check = new OptionChecks(nameof(DataLoaderOptions));
        check.AtLeast(options.BatchSize, 1, nameof(options.BatchSize));
        check.Device(options.Device, nameof(options.Device));
        return check.Result;
    }
}
