using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace AlexNet.Data.Images;

/// <summary>Checks <see cref="ImageDecodeOptions"/>; each message names the option, what is accepted and the value given.</summary>
public sealed class ImageDecodeOptionsValidator : IValidateOptions<ImageDecodeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ImageDecodeOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail("ImageDecodeOptions must not be null.");
        }

        var failures = new List<string>();
        if (options.Channels is not (1 or 3))
        {
            failures.Add($"ImageDecodeOptions.Channels must be 1 (grayscale) or 3 (RGB); got {options.Channels}.");
        }

        if (options.ShorterSide is int side && side < 1)
        {
            failures.Add($"ImageDecodeOptions.ShorterSide must be at least 1 when set; got {side}.");
        }

        if (options.CenterCrop is int crop)
        {
            if (crop < 1)
            {
                failures.Add($"ImageDecodeOptions.CenterCrop must be at least 1 when set; got {crop}.");
            }
            else if (options.ShorterSide is int s && crop > s)
            {
                failures.Add($"ImageDecodeOptions.CenterCrop ({crop}) must not exceed ShorterSide ({s}): the crop must fit in the resized image.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
