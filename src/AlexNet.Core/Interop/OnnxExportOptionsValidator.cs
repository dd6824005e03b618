using AlexNet.Core.Validation;

namespace AlexNet.Core.Interop;

/// <summary>Validates <see cref="OnnxExportOptions"/>; every message names the option, the accepted range and the value given.</summary>
internal sealed class OnnxExportOptionsValidator : OptionsValidator<OnnxExportOptions>
{
    /// <inheritdoc />
    protected override void Check(OnnxExportOptions options, OptionChecks check)
    {
        check.That(!string.IsNullOrWhiteSpace(options.InputName), nameof(options.InputName), "a non-empty name", options.InputName);
        check.That(!string.IsNullOrWhiteSpace(options.OutputName) && options.OutputName != options.InputName, nameof(options.OutputName), "a non-empty name other than InputName", options.OutputName);
        check.That(options.InputSize is null or { Height: >= 1, Width: >= 1 }, nameof(options.InputSize), "at least 1 x 1 or null (the model's nominal size)", options.InputSize);
    }
}
