using System.Globalization;
using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Models;

/// <summary>
/// What an AlexNet of one variant, class count and options is, and the input it expects: channels, nominal, minimum and
/// maximum image size, and parameter count (as torchvision's weights entries state <c>min_size</c> and <c>num_params</c>).
/// Worked out once per variant, class count and options from the layer definitions, and cached.
/// </summary>
/// <remarks>
/// <see cref="AlexNetModel.Descriptor"/> gives a model's; <see cref="AlexNetFactory.Describe"/> gives one without a model.
/// The model's input check and its error messages read the sizes from here.
/// </remarks>
public sealed class ModelDescriptor
{
    internal ModelDescriptor(
        Variant variant,
        int numClasses,
        ResolvedOptions options,
        ImageSize nominalInputSize,
        ImageSize minimumInputSize,
        ImageSize? maximumInputSize,
        long parameterCount)
    {
        Variant = variant;
        NumClasses = numClasses;
        ResolvedOptions = options;
        NominalInputSize = nominalInputSize;
        MinimumInputSize = minimumInputSize;
        MaximumInputSize = maximumInputSize;
        ParameterCount = parameterCount;
        string heights = maximumInputSize is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"H and W from {minimumInputSize.Height} to {max.Height}")
            : string.Create(CultureInfo.InvariantCulture, $"H and W of {minimumInputSize.Height} or more");
        ExpectedInput = string.Create(
            CultureInfo.InvariantCulture,
            $"a floating-point N x {InputChannels} x H x W tensor with {heights} (nominal {nominalInputSize.ToSpacedString()})");
    }

    /// <summary>The network.</summary>
    public Variant Variant { get; }

    /// <summary>Number of classes: the width of the output.</summary>
    public int NumClasses { get; }

    /// <summary>Channels the input must have (the C of N x C x H x W).</summary>
    public int InputChannels => ResolvedOptions.InputChannels;

    /// <summary>The input size the variant was designed for: 227 x 227 (paper), 224 x 224 (torchvision), 32 x 32 (CIFAR).</summary>
    public ImageSize NominalInputSize { get; }

    /// <summary>The smallest input the layers accept: 227 x 227 (paper), 63 x 63 (torchvision), 6 x 6 (CIFAR batch norm).</summary>
    public ImageSize MinimumInputSize { get; }

    /// <summary>
    /// The largest input the layers accept, or null for no limit (variants with an adaptive pool). The paper's variant,
    /// which flattens its 6 x 6 maps directly, accepts 227 to 258 pixels.
    /// </summary>
    public ImageSize? MaximumInputSize { get; }

    /// <summary>All parameters of the model (weights, biases and batch-norm affine parameters).</summary>
    public long ParameterCount { get; }

    /// <summary>A copy of the options, every variant default filled in (no null property).</summary>
    public AlexNetOptions Options => ResolvedOptions.ToOptions();

    internal ResolvedOptions ResolvedOptions { get; }

    /// <summary>The expected input in words, for error messages: "a floating-point N x 3 x H x W tensor with ...".</summary>
    internal string ExpectedInput { get; }

    /// <summary>True when the layers accept images of <paramref name="size"/> (between the minimum and the maximum).</summary>
    public bool Accepts(ImageSize size) => Accepts(size.Height, size.Width);

    /// <summary>True when the layers accept images of <paramref name="height"/> x <paramref name="width"/>.</summary>
    internal bool Accepts(long height, long width) =>
        Fits(height, MinimumInputSize.Height, MaximumInputSize?.Height) && Fits(width, MinimumInputSize.Width, MaximumInputSize?.Width);

    private static bool Fits(long size, int minimum, int? maximum) => size >= minimum && (maximum is null || size <= maximum);
}
