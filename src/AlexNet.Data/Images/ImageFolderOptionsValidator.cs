using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Validation;

namespace AlexNet.Data.Images;

/// <summary>Checks <see cref="ImageFolderOptions"/> and its <see cref="ImageFolderOptions.Decode"/> settings.</summary>
internal sealed class ImageFolderOptionsValidator : OptionsValidator<ImageFolderOptions>
{
    /// <inheritdoc />
    protected override void Check(ImageFolderOptions options, OptionChecks check)
    {
        var extensions = options.Extensions ?? new List<string>();
        if (extensions.Count == 0 || extensions.Any(e => string.IsNullOrEmpty(e) || e[0] != '.'))
        {
            check.Add($"ImageFolderOptions.Extensions must list at least one extension, each starting with '.'; got [{string.Join(", ", extensions)}].");
        }
        if (options.Classes is { } classes)
        {
            if (classes.Count == 0 || classes.Any(string.IsNullOrWhiteSpace))
            {
                check.Add("ImageFolderOptions.Classes, when set, must name at least one class and no empty name.");
            }
            else if (classes.Distinct().Count() != classes.Count)
            {
                check.Add($"ImageFolderOptions.Classes must not repeat a class; got [{string.Join(", ", classes)}].");
            }
        }

        check.That(options.DecodeThreads >= 0, nameof(options.DecodeThreads), "0 (one per processor) or positive", options.DecodeThreads);
        if (check.Section(options.Decode, nameof(options.Decode)) is { } decode)
        {
            ImageDecodeOptionsValidator.CheckDecode(options.Decode!, decode);
        }
    }
}
