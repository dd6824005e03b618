using System;
using System.Collections.Concurrent;
using System.Linq;
using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Models;

/// <summary>
/// Works out <see cref="ModelDescriptor"/>s from layer lists, once per variant, class count and options: the size
/// limits by a bounded search over <see cref="LayerGeometry"/>, the parameter count by summing the layers' parameters.
/// </summary>
internal static class ModelDescriptorCache
{
    /// <summary>The largest side the search for the size limits tries.</summary>
    private const int SearchLimit = 4096;

    private static readonly ConcurrentDictionary<(Variant, int, ResolvedOptions), ModelDescriptor> Descriptors = new();

    /// <summary>The descriptor of a model whose <paramref name="layers"/> are already built (read only when not cached).</summary>
    public static ModelDescriptor Of(Variant variant, int numClasses, ResolvedOptions options, ImageSize nominal, LayerList layers) =>
        Descriptors.GetOrAdd((variant, numClasses, options), _ => Describe(variant, numClasses, options, nominal, layers));

    /// <summary>The descriptor without a model: when not cached, builds the layers with <paramref name="build"/>, reads them and frees them.</summary>
    public static ModelDescriptor Of(Variant variant, int numClasses, ResolvedOptions options, ImageSize nominal, Func<LayerList> build)
    {
        if (Descriptors.TryGetValue((variant, numClasses, options), out ModelDescriptor? cached))
        {
            return cached;
        }

        LayerList layers = build();
        try
        {
            return Of(variant, numClasses, options, nominal, layers);
        }
        finally
        {
            layers.Features.Dispose();
            layers.AvgPool?.Dispose();
            layers.Classifier.Dispose();
        }
    }

    /// <summary>The descriptor of <paramref name="layers"/>, worked out now and not cached (for layer lists no variant builds).</summary>
    public static ModelDescriptor Describe(Variant variant, int numClasses, ResolvedOptions options, ImageSize nominal, LayerList layers)
    {
        (ImageSize minimum, ImageSize? maximum) = SizeLimits(variant, options.InputChannels, layers);
        long parameters = layers.Features.parameters().Concat(layers.Classifier.parameters()).Sum(p => p.numel());
        return new ModelDescriptor(variant, numClasses, options, nominal, minimum, maximum, parameters);
    }

    /// <summary>The smallest square input that passes through every layer, and the largest where there is one.</summary>
    private static (ImageSize Minimum, ImageSize? Maximum) SizeLimits(Variant variant, int inputChannels, LayerList layers)
    {
        bool Passes(int size) => LayerGeometry.Trace(layers, new long[] { 1, inputChannels, size, size }) is not null;

        int minimum = 1;
        while (!Passes(minimum))
        {
            minimum++;
            if (minimum > SearchLimit)
            {
                throw new InvalidOperationException($"Variant.{variant} AlexNet accepts no input up to {SearchLimit} x {SearchLimit}.");
            }
        }

        if (layers.AvgPool is not null)
        {
            return (minimum, null);
        }

        int maximum = minimum;
        while (maximum < SearchLimit && Passes(maximum + 1))
        {
            maximum++;
        }

        return (minimum, maximum);
    }
}
