using System;

namespace AlexNet.Core.Models;

/// <summary><see cref="AlexNetOptions"/> with every variant default filled in: what the layer lists read.</summary>
internal sealed record ResolvedOptions(
    int InputChannels,
    double DropoutRate,
    DropoutPlacement DropoutPlacement,
    bool DropoutInEvaluation,
    int ClassifierWidth,
    bool UseLocalResponseNorm,
    int LrnSize,
    double LrnAlpha,
    LrnAlphaConvention LrnAlphaConvention,
    double LrnBeta,
    double LrnK,
    WeightInit WeightInit,
    int Groups,
    ModelOutput Output)
{
    /// <summary>Fills the null properties of validated <paramref name="options"/> from <paramref name="defaults"/>.</summary>
    public static ResolvedOptions Resolve(AlexNetOptions options, VariantDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReproductionOptions r = options.Reproduction;
        return new ResolvedOptions(
            options.InputChannels,
            options.DropoutRate ?? defaults.DropoutRate,
            r.DropoutPlacement,
            r.DropoutInEvaluation,
            options.ClassifierWidth ?? defaults.ClassifierWidth,
            options.UseLocalResponseNorm ?? defaults.UseLocalResponseNorm,
            r.LrnSize,
            r.LrnAlpha,
            r.LrnAlphaConvention,
            r.LrnBeta,
            r.LrnK,
            options.WeightInit ?? defaults.WeightInit,
            r.Groups,
            options.Output);
    }

    /// <summary>The same settings as an <see cref="AlexNetOptions"/> with no null property.</summary>
    public AlexNetOptions ToOptions() => new()
    {
        InputChannels = InputChannels,
        DropoutRate = DropoutRate,
        ClassifierWidth = ClassifierWidth,
        UseLocalResponseNorm = UseLocalResponseNorm,
        WeightInit = WeightInit,
        Output = Output,
        Reproduction =
        {
            DropoutPlacement = DropoutPlacement,
            DropoutInEvaluation = DropoutInEvaluation,
            LrnSize = LrnSize,
            LrnAlpha = LrnAlpha,
            LrnAlphaConvention = LrnAlphaConvention,
            LrnBeta = LrnBeta,
            LrnK = LrnK,
            Groups = Groups,
        },
    };
}
