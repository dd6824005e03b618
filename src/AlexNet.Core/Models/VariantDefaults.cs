using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Models;

/// <summary>What a variant uses where <see cref="AlexNetOptions"/> leaves a property null.</summary>
internal sealed record VariantDefaults(
    int ClassifierWidth,
    double DropoutRate,
    bool UseLocalResponseNorm,
    WeightInit WeightInit,
    ImageSize NominalInputSize);
