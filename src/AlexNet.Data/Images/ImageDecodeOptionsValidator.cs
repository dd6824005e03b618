using AlexNet.Core.Validation;

namespace AlexNet.Data.Images;

/// <summary>Checks <see cref="ImageDecodeOptions"/>; each message names the option, what is accepted and the value given.</summary>
internal sealed class ImageDecodeOptionsValidator : OptionsValidator<ImageDecodeOptions>
{
    /// <inheritdoc />
    protected override void Check(ImageDecodeOptions options, OptionChecks check) => CheckDecode(options, check);

    /// <summary>Records the failures of <paramref name="options"/> in <paramref name="check"/> (also as a section of <see cref="ImageFolderOptions"/>).</summary>
    internal static void CheckDecode(ImageDecodeOptions options, OptionChecks check)
    {
        check.That(options.Channels is 1 or 3, nameof(options.Channels), "1 (grayscale) or 3 (RGB)", options.Channels);
        check.That(options.ShorterSide is null or >= 1, nameof(options.ShorterSide), "at least 1 when set", options.ShorterSide);
        check.That(options.CenterCrop is null or >= 1, nameof(options.CenterCrop), "at least 1 when set", options.CenterCrop);
        check.That(options.MaxImagePixels is null or >= 1, nameof(options.MaxImagePixels), "at least 1 when set (null: no limit)", options.MaxImagePixels);
        if (options.CenterCrop is int crop && crop >= 1 && options.ShorterSide is int side && crop > side)
        {
            check.Add($"{check.Prefix}.CenterCrop ({crop}) must not exceed ShorterSide ({side}): the crop must fit in the resized image.");
        }
    }
}
