using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AlexNet.Data.Loading;

/// <summary>Checks <see cref="DataLoaderOptions"/>; each message names the option, the accepted range and the value given.</summary>
public sealed partial class DataLoaderOptionsValidator : IValidateOptions<DataLoaderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DataLoaderOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail("DataLoaderOptions must not be null.");
        }

        var failures = new List<string>();
        if (options.BatchSize < 1)
        {
            failures.Add($"DataLoaderOptions.BatchSize must be at least 1; got {options.BatchSize}.");
        }

        if (options.Device is null || !DevicePattern().IsMatch(options.Device))
        {
            failures.Add($"DataLoaderOptions.Device must be \"cpu\", \"cuda\" or \"cuda:N\"; got \"{options.Device}\".");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
