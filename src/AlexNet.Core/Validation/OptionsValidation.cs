using System;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Validation;

/// <summary>
/// Validates an options object with its <see cref="IValidateOptions{TOptions}"/> outside dependency injection,
/// so every options class of the library is usable with or without DI.
/// </summary>
internal static class OptionsValidation
{
    /// <summary>
    /// Runs <paramref name="validator"/> on <paramref name="options"/> and throws when it fails.
    /// </summary>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="OptionsValidationException">Every failure message, joined; each names the option and the accepted range.</exception>
    public static TOptions ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResult result = validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TOptions), result.Failures ?? new[] { result.FailureMessage });
        }

        return options;
    }
}
