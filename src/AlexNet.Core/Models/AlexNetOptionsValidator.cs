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
        check.That(options.ClassifierWidth is null or (>= 1 and <= 65536), nameof(options.ClassifierWidth), "from 1 to 65536 or null (the variant's default)", options.ClassifierWidth);
        check.That(options.WeightInit is null || Enum.IsDefined(options.WeightInit.Value), nameof(options.WeightInit), "Paper, PaperConvolutions, PyTorchDefault, XavierUniform or null (the variant's default)", options.WeightInit);
        check.That(Enum.IsDefined(options.Output), nameof(options.Output), "Logits or LogProbabilities", options.Output);
        if (check.Section(options.Reproduction, nameof(options.Reproduction)) is OptionChecks reproduction)
        {
            CheckReproduction(options.Reproduction, reproduction);
        }
    }

    private static void CheckReproduction(ReproductionOptions r, OptionChecks check)
    {
        check.That(Enum.IsDefined(r.DropoutPlacement), nameof(r.DropoutPlacement), "BeforeHiddenLinear, AfterHiddenReLU or None", r.DropoutPlacement);
        check.That(r.LrnSize is >= 1 and <= 255, nameof(r.LrnSize), "from 1 to 255", r.LrnSize);
        check.That(double.IsFinite(r.LrnAlpha) && r.LrnAlpha >= 0, nameof(r.LrnAlpha), "finite and 0 or more", r.LrnAlpha);
        check.That(Enum.IsDefined(r.LrnAlphaConvention), nameof(r.LrnAlphaConvention), "Paper or PyTorch", r.LrnAlphaConvention);
        check.That(double.IsFinite(r.LrnBeta) && r.LrnBeta >= 0, nameof(r.LrnBeta), "finite and 0 or more", r.LrnBeta);
        check.That(double.IsFinite(r.LrnK) && r.LrnK > 0, nameof(r.LrnK), "finite and more than 0", r.LrnK);
        check.That(r.Groups is 1 or 2, nameof(r.Groups), "1 (one tower) or 2 (the paper's two towers)", r.Groups);
    }
}
