using Microsoft.Extensions.Options;

namespace AlexNet.Core.Validation;

/// <summary>
/// The one shape of the library's options validators: an <see cref="IValidateOptions{TOptions}"/> (so DI validates with
/// it, ValidateOnStart included) whose <see cref="Check"/> records every failure in an <see cref="OptionChecks"/>
/// named after the options class. A null options object fails with "TOptions must be set; got null.". Without DI,
/// validate with <see cref="OptionsValidation.ThrowIfInvalid{TOptions}"/>.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
internal abstract class OptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        string prefix = typeof(TOptions).Name;
        if (options is null)
        {
            return ValidateOptionsResult.Fail(OptionChecks.MissingMessage(prefix));
        }

        var check = new OptionChecks(prefix);
        Check(options, check);
        return check.Result;
    }

    /// <summary>Records each invalid option of <paramref name="options"/> in <paramref name="check"/>.</summary>
    protected abstract void Check(TOptions options, OptionChecks check);
}
