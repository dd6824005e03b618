using System;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Interop;

/// <summary>Validates <see cref="PretrainedOptions"/>; each message names the option, the accepted range and the value given.</summary>
internal sealed class PretrainedOptionsValidator : OptionsValidator<PretrainedOptions>
{
    /// <summary>The longest accepted <see cref="PretrainedOptions.DownloadTimeout"/>.</summary>
    public static readonly TimeSpan MaxDownloadTimeout = TimeSpan.FromHours(24);

    /// <summary>The options given (or the defaults for null), validated.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">They are invalid.</exception>
    internal static PretrainedOptions ThrowIfInvalid(PretrainedOptions? options) =>
        OptionsValidation.ThrowIfInvalid(new PretrainedOptionsValidator(), options ?? new PretrainedOptions());

    /// <inheritdoc />
    protected override void Check(PretrainedOptions options, OptionChecks check)
    {
        if (options.DownloadBaseUrl is not null && !IsHttpBaseUrl(options.DownloadBaseUrl))
        {
            check.Add("PretrainedOptions.DownloadBaseUrl must be an absolute http or https address ending in '/' (or null for the entry's own); "
                + $"got '{options.DownloadBaseUrl}'.");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero || options.DownloadTimeout > MaxDownloadTimeout)
        {
            check.Add($"PretrainedOptions.DownloadTimeout must lie in (00:00:00, {MaxDownloadTimeout}]; got {options.DownloadTimeout}.");
        }

        check.That(
            options.CacheDirectory is null || !string.IsNullOrWhiteSpace(options.CacheDirectory),
            nameof(options.CacheDirectory),
            "a folder or null (torch.hub's cache)",
            options.CacheDirectory);
        check.That(
            options.WeightsFile is null || !string.IsNullOrWhiteSpace(options.WeightsFile),
            nameof(options.WeightsFile),
            "a file or null (the cache)",
            options.WeightsFile);
    }

    private static bool IsHttpBaseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && url.EndsWith('/');
}
