using System;
using System.Collections.Generic;
using AlexNet.Core.Training;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Models;

/// <summary>
/// Validates <see cref="AlexNetOptions"/>: each failure names the option, the accepted range and the value given.
/// Without DI, use <c>OptionsValidation.ThrowIfInvalid(new AlexNetOptionsValidator(), options)</c>;
/// <see cref="AlexNetFactory.Create"/> does.
/// </summary>
public sealed class AlexNetOptionsValidator : IValidateOptions<AlexNetOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AlexNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var check = new OptionChecks(nameof(AlexNetOptions), failures);

        void Check(bool ok, string option, string range, object? value)
        {
            if (!ok)
            {
                check.Fail(option, range, value);
            }
        }

        Check(options.InputChannels is >= 1 and <= 1024, nameof(options.InputChannels), "from 1 to 1024", options.InputChannels);
        Check(options.DropoutRate is null or (>= 0 and < 1), nameof(options.DropoutRate), "in [0, 1) or null (the variant's default)", options.DropoutRate);
        Check(Enum.IsDefined(options.DropoutPlacement), nameof(options.DropoutPlacement), "BeforeHiddenLinear, AfterHiddenReLU or None", options.DropoutPlacement);
        Check(options.ClassifierWidth is null or (>= 1 and <= 65536), nameof(options.ClassifierWidth), "from 1 to 65536 or null (the variant's default)", options.ClassifierWidth);
        Check(options.LrnSize is >= 1 and <= 255, nameof(options.LrnSize), "from 1 to 255", options.LrnSize);
        Check(double.IsFinite(options.LrnAlpha) && options.LrnAlpha >= 0, nameof(options.LrnAlpha), "finite and 0 or more", options.LrnAlpha);
        Check(Enum.IsDefined(options.LrnAlphaConvention), nameof(options.LrnAlphaConvention), "Paper or PyTorch", options.LrnAlphaConvention);
        Check(double.IsFinite(options.LrnBeta) && options.LrnBeta >= 0, nameof(options.LrnBeta), "finite and 0 or more", options.LrnBeta);
        Check(double.IsFinite(options.LrnK) && options.LrnK > 0, nameof(options.LrnK), "finite and more than 0", options.LrnK);
        Check(options.WeightInit is null || Enum.IsDefined(options.WeightInit.Value), nameof(options.WeightInit), "Paper, PaperConvolutions, PyTorchDefault, XavierUniform or null (the variant's default)", options.WeightInit);
        Check(options.Groups is 1 or 2, nameof(options.Groups), "1 (one tower) or 2 (the paper's two towers)", options.Groups);
        Check(Enum.IsDefined(options.Output), nameof(options.Output), "Logits or LogProbabilities", options.Output);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
