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
        var (defaults, build, resolved) = Resolve(variant, numClasses, options);
        LayerList layers = build(numClasses, resolved);
        WeightInitialization.Apply(layers, resolved.WeightInit);
        ModelDescriptor descriptor = ModelDescriptorCache.Of(variant, numClasses, resolved, defaults.NominalInputSize, layers);
        return new AlexNetModel(descriptor, layers);
    }

    /// <summary>
    /// What <see cref="Create"/> would build for the same arguments, without a model: input channels, nominal, minimum
    /// and maximum input size, parameter count. Worked out once per variant, class count and options (the first call
    /// for a combination no model was built for builds its layers once on the CPU, skipping
    /// <see cref="AlexNetOptions.WeightInit"/>, and frees them).
    /// </summary>
    /// <inheritdoc cref="Create" path="/param"/>
    /// <inheritdoc cref="Create" path="/exception"/>
    public static ModelDescriptor Describe(Variant variant, int numClasses, AlexNetOptions? options = null)
    {
        var (defaults, build, resolved) = Resolve(variant, numClasses, options);
        return ModelDescriptorCache.Of(variant, numClasses, resolved, defaults.NominalInputSize, () => build(numClasses, resolved));
    }

    /// <summary>Checks the arguments and fills the options' nulls from the variant's defaults.</summary>
    private static (VariantDefaults Defaults, Func<int, ResolvedOptions, LayerList> Build, ResolvedOptions Options) Resolve(
        Variant variant, int numClasses, AlexNetOptions? options)
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
        return (definition.Defaults, definition.Build, ResolvedOptions.Resolve(options, definition.Defaults));
    }
}
