using System;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Models;

/// <summary>
/// Validates <see cref="AlexNetOptions"/>: each failure names the option, the accepted range and the value given.
/// <see cref="AlexNetFactory.Create"/> runs it through <see cref="OptionsValidation.ThrowIfInvalid{TOptions}"/>.
/// </summary>
internal sealed class AlexNetOptionsValidator : OptionsValidator<AlexNetOptions>
{
    /// <inheritdoc />
    protected override void Check(AlexNetOptions options, OptionChecks check)
    {
        check.That(options.InputChannels is >= 1 and <= 1024, nameof(options.InputChannels), "from 1 to 1024", options.InputChannels);
        check.That(options.DropoutRate is null or (>= 0 and < 1), nameof(options.DropoutRate), "in [0, 1) or null (the variant's default)", options.DropoutRate);
        check.That(Enum.IsDefined(options.DropoutPlacement), nameof(options.DropoutPlacement), "BeforeHiddenLinear, AfterHiddenReLU or None", options.DropoutPlacement);
        check.That(options.ClassifierWidth is null or (>= 1 and <= 65536), nameof(options.ClassifierWidth), "from 1 to 65536 or null (the variant's default)", options.ClassifierWidth);
        check.That(options.LrnSize is >= 1 and <= 255, nameof(options.LrnSize), "from 1 to 255", options.LrnSize);
        check.That(double.IsFinite(options.LrnAlpha) && options.LrnAlpha >= 0, nameof(options.LrnAlpha), "finite and 0 or more", options.LrnAlpha);
        check.That(Enum.IsDefined(options.LrnAlphaConvention), nameof(options.LrnAlphaConvention), "Paper or PyTorch", options.LrnAlphaConvention);
        check.That(double.IsFinite(options.LrnBeta) && options.LrnBeta >= 0, nameof(options.LrnBeta), "finite and 0 or more", options.LrnBeta);
        check.That(double.IsFinite(options.LrnK) && options.LrnK > 0, nameof(options.LrnK), "finite and more than 0", options.LrnK);
        check.That(options.WeightInit is null || Enum.IsDefined(options.WeightInit.Value), nameof(options.WeightInit), "Paper, PaperConvolutions, PyTorchDefault, XavierUniform or null (the variant's default)", options.WeightInit);
        check.That(options.Groups is 1 or 2, nameof(options.Groups), "1 (one tower) or 2 (the paper's two towers)", options.Groups);
        check.That(Enum.IsDefined(options.Output), nameof(options.Output), "Logits or LogProbabilities", options.Output);
    }
}
