using System;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Models;

/// <summary>Builds the AlexNet variants. docs/models.md compares them.</summary>
/// <example>
/// <code>
/// using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, numClasses: 10);
/// using var fashion = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1 });
/// using var towers = AlexNetFactory.Create(Variant.Paper, 1000, new AlexNetOptions { Reproduction = { Groups = 2 } });
/// </code>
/// </example>
public static class AlexNetFactory
{
    /// <summary>
    /// Builds <paramref name="variant"/> for <paramref name="numClasses"/> classes on the CPU, weights initialised as
    /// <see cref="AlexNetOptions.WeightInit"/> says. Move it with <c>model.to(device)</c>.
    /// </summary>
    /// <param name="variant">Which network.</param>
    /// <param name="numClasses">Output classes, 1 or more.</param>
    /// <param name="options">Changes to the variant; null builds it as published.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="variant"/> is not defined or <paramref name="numClasses"/> is below 1.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An option the variant has no layers for (LRN or another dropout placement with <see cref="Variant.CifarBatchNorm"/>).</exception>
    public static AlexNetModel Create(Variant variant, int numClasses, AlexNetOptions? options = null)
    {
        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "Accepted: Paper, TorchVision, CifarBatchNorm.");
        }

        if (numClasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be 1 or more.");
        }

        options = OptionsValidation.ThrowIfInvalid(new AlexNetOptionsValidator(), options ?? new AlexNetOptions());
        if (options.UseLocalResponseNorm == true && variant == Variant.CifarBatchNorm)
        {
            throw new ArgumentException(
                $"AlexNetOptions.UseLocalResponseNorm = true needs Variant.Paper or Variant.TorchVision (LRN after conv1 and conv2); Variant.{variant} has no LRN layers. Leave it null or false.",
                nameof(options));
        }

        if (options.Reproduction.DropoutPlacement != DropoutPlacement.BeforeHiddenLinear && variant == Variant.CifarBatchNorm)
        {
            throw new ArgumentException(
                $"AlexNetOptions.Reproduction.DropoutPlacement = {options.Reproduction.DropoutPlacement} needs Variant.Paper or Variant.TorchVision; Variant.{variant} keeps its dropout in front of its hidden layers. Leave it BeforeHiddenLinear.",
                nameof(options));
        }

        (VariantDefaults Defaults, Func<int, ResolvedOptions, LayerList> Build) definition = variant switch
        {
            Variant.Paper => (PaperAlexNet.Defaults, PaperAlexNet.Build),
            Variant.TorchVision => (TorchVisionAlexNet.Defaults, TorchVisionAlexNet.Build),
            _ => (CifarBatchNormAlexNet.Defaults, CifarBatchNormAlexNet.Build),
        };
        var resolved = ResolvedOptions.Resolve(options, definition.Defaults);
        LayerList layers = definition.Build(numClasses, resolved);
        WeightInitialization.Apply(layers, resolved.WeightInit);
        return new AlexNetModel(variant, numClasses, resolved, layers, definition.Defaults.NominalInputSize);
    }
}
