using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace AlexNet.Data.Images;

/// <summary>Checks <see cref="ImageFolderOptions"/> and its <see cref="ImageFolderOptions.Decode"/> settings.</summary>
public sealed class ImageFolderOptionsValidator : IValidateOptions<ImageFolderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ImageFolderOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail("ImageFolderOptions must not be null.");
        }

        var failures = new List<string>();
        if (options.Extensions is null || options.Extensions.Count == 0 || options.Extensions.Any(e => string.IsNullOrEmpty(e) || e[0] != '.'))
        {
            failures.Add($"ImageFolderOptions.Extensions must list at least one extension, each starting with '.'; got [{string.Join(", ", options.Extensions ?? new List<string>())}].");
        }

        if (options.Classes is { } classes)
        {
            if (classes.Count == 0 || classes.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add("ImageFolderOptions.Classes, when set, must name at least one class and no empty name.");
            }
            else if (classes.Distinct().Count() != classes.Count)
            {
                failures.Add($"ImageFolderOptions.Classes must not repeat a class; got [{string.Join(", ", classes)}].");
            }
        }

        if (options.DecodeThreads < 0)
        {
            failures.Add($"ImageFolderOptions.DecodeThreads must be 0 (one per processor) or positive; got {options.DecodeThreads}.");
        }

        if (options.Decode is null)
        {
            failures.Add("ImageFolderOptions.Decode must not be null.");
        }
        else
        {
            ValidateOptionsResult decode = new ImageDecodeOptionsValidator().Validate(name, options.Decode);
            if (decode.Failed)
            {
                failures.AddRange(decode.Failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
