using System;
using AlexNet.Core.Validation;
using Microsoft.Extensions.Options;

namespace AlexNet.Data.Datasets;

/// <summary>Validates <see cref="DatasetLoadOptions"/>; each message names the option, the accepted range and the value given.</summary>
internal sealed class DatasetLoadOptionsValidator : OptionsValidator<DatasetLoadOptions>
{
    /// <summary>The longest accepted <see cref="DatasetLoadOptions.DownloadTimeout"/>.</summary>
    public static readonly TimeSpan MaxDownloadTimeout = TimeSpan.FromHours(24);

    /// <summary>The options given (or the defaults for null), validated.</summary>
    /// <exception cref="OptionsValidationException">They are invalid.</exception>
    internal static DatasetLoadOptions ThrowIfInvalid(DatasetLoadOptions? options) =>
        OptionsValidation.ThrowIfInvalid(new DatasetLoadOptionsValidator(), options ?? new DatasetLoadOptions());

    /// <inheritdoc />
    protected override void Check(DatasetLoadOptions options, OptionChecks check)
    {
        if (options.DownloadBaseUrl is not null && !IsHttpBaseUrl(options.DownloadBaseUrl))
        {
            check.Add($"DatasetLoadOptions.DownloadBaseUrl must be an absolute http or https address ending in '/' (or null for the official location); got '{options.DownloadBaseUrl}'.");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero || options.DownloadTimeout > MaxDownloadTimeout)
        {
            check.Add($"DatasetLoadOptions.DownloadTimeout must lie in (00:00:00, {MaxDownloadTimeout}]; got {options.DownloadTimeout}.");
        }
    }

    private static bool IsHttpBaseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && url.EndsWith('/');
}
