using System;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// An AlexNet built by <see cref="AlexNetFactory.Create"/>: <c>features</c> (convolutions), an optional
/// <c>avgpool</c>, a flatten, and <c>classifier</c> (fully connected layers), as torchvision's <c>AlexNet</c>, so its
/// state-dict keys are torchvision's (<c>features.0.weight</c>, ..., <c>classifier.6.bias</c>).
/// </summary>
/// <remarks>
/// The forward pass takes N x C x H x W floating-point images and returns N x classes logits, or log-probabilities
/// when <see cref="OutputsLogProbabilities"/> is true. It checks the input first and throws an
/// <see cref="ArgumentException"/> that names the variant, the shape it expects and the shape it got, instead of
/// failing deep inside LibTorch.
/// </remarks>
public sealed class AlexNetModel : nn.Module<Tensor, Tensor>, IClassifierOutput, IMixedPrecisionModule, IReplicableModule
{
    private readonly ResolvedOptions _options;
    private readonly string _expectedShape;
    private readonly bool _classifierNeedsBatchOfTwo;

    internal AlexNetModel(Variant variant, int numClasses, ResolvedOptions options, LayerList layers, InputSize nominalInputSize)
        : base("AlexNet")
    {
        Variant = variant;
        NumClasses = numClasses;
        InputChannels = options.InputChannels;
        NominalInputSize = nominalInputSize;
        OutputsLogProbabilities = options.Output == ModelOutput.LogProbabilities;
        _options = options;
        Layers = layers;
        foreach (var (name, stage) in new (string, nn.Module?)[] { ("features", layers.Features), ("avgpool", layers.AvgPool), ("classifier", layers.Classifier) })
        {
            if (stage is not null)
            {
                register_module(name, stage);
            }
        }

        RegisterComponents(); // registers nothing more (no field holds a module); marks the model as registered

        _classifierNeedsBatchOfTwo = layers.Classifier.children().Any(layer => LayerKinds.For(layer).NeedsBatchOfTwoToTrain);

        (MinimumInputSize, MaximumInputSize) = InputSizeLimits();
        string heights = MaximumInputSize is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"H and W from {MinimumInputSize.Height} to {max.Height}")
            : string.Create(CultureInfo.InvariantCulture, $"H and W of {MinimumInputSize.Height} or more");
        _expectedShape = $"a floating-point N x {InputChannels} x H x W tensor with {heights} (nominal {NominalInputSize})";
    }

    /// <summary>The network this model is.</summary>
    public Variant Variant { get; }

    /// <summary>Number of classes: the width of the output.</summary>
    public int NumClasses { get; }

    /// <summary>Channels the input must have (the C of N x C x H x W).</summary>
    public int InputChannels { get; }

    /// <summary>The input size the variant was designed for: 227 x 227 (paper), 224 x 224 (torchvision), 32 x 32 (CIFAR).</summary>
    public InputSize NominalInputSize { get; }

    /// <summary>The smallest input the layers accept: 227 x 227 (paper), 63 x 63 (torchvision), 6 x 6 (CIFAR batch norm).</summary>
    public InputSize MinimumInputSize { get; }

    /// <summary>
    /// The largest input the layers accept, or null for no limit (variants with an adaptive pool). The paper's variant,
    /// which flattens its 6 x 6 maps directly, accepts 227 to 258 pixels.
    /// </summary>
    public InputSize? MaximumInputSize { get; }

    /// <summary>
    /// True when the forward pass ends in <c>log_softmax</c> (train with an NLL loss); false when it returns logits
    /// (train with cross-entropy).
    /// </summary>
    public bool OutputsLogProbabilities { get; }

    /// <summary>A copy of the options the model was built with, every variant default filled in (no null property).</summary>
    public AlexNetOptions Options => _options.ToOptions();

    /// <summary>The convolutional layers (<c>features.N</c>).</summary>
    public Sequential Features => Layers.Features;

    /// <summary>The adaptive average pool (<c>avgpool</c>), or null for <see cref="Variant.Paper"/>, which has none.</summary>
    public AdaptiveAvgPool2d? AvgPool => Layers.AvgPool;

    /// <summary>The fully connected layers (<c>classifier.N</c>).</summary>
    public Sequential Classifier => Layers.Classifier;

    internal LayerList Layers { get; }

    /// <summary>
    /// The dtype the convolutions and Linear layers compute in: null (the default) for float32, or bfloat16 /
    /// float16 for mixed precision (weights stay float32; batch norm, pooling to 6x6 or 4x4, the log-softmax and the
    /// returned scores are float32). The <c>Trainer</c> sets it from <c>TrainerOptions.Precision</c>.
    /// </summary>
    public ScalarType? ComputeType { get; set; }

    /// <summary>
    /// Runs the convolutions in channels-last memory layout (N x H x W x C in memory; same values and shapes, so the
    /// state dict and the results are unchanged up to rounding). Default false. See docs/benchmarks.md for where it helps.
    /// </summary>
    public bool ChannelsLast { get; set; }

    /// <summary>A new model of the same variant, classes and options (fresh weights), on the CPU.</summary>
    public nn.Module<Tensor, Tensor> CreateReplica() => AlexNetFactory.Create(Variant, NumClasses, Options);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ThrowIfUnsuitable(input);
        if (ComputeType is not null || ChannelsLast)
        {
            return ForwardMixed(input, ComputeType ?? ScalarType.Float32);
        }

        Tensor x = Layers.Features.call(input);
        if (Layers.AvgPool is not null)
        {
            using Tensor unpooled = x;
            x = Layers.AvgPool.call(unpooled);
        }

        Tensor logits;
        using (x)
        using (Tensor flat = x.flatten(1))
        {
            logits = Layers.Classifier.call(flat);
        }

        if (!OutputsLogProbabilities)
        {
            return logits;
        }

        using (logits)
        {
            return logits.log_softmax(1);
        }
    }

    /// <summary>The forward pass with convolutions and Linear layers in <paramref name="computeType"/> (see <see cref="MixedPrecisionForward"/>).</summary>
    private Tensor ForwardMixed(Tensor input, ScalarType computeType)
    {
        using Tensor laidOut = ChannelsLast ? MixedPrecisionForward.ToChannelsLast(input) : input.alias();
        Tensor x = MixedPrecisionForward.Run(Layers.Features, laidOut, computeType, ChannelsLast);
        if (Layers.AvgPool is not null)
        {
            using Tensor unpooled = x;
            x = MixedPrecisionForward.Layer(Layers.AvgPool, unpooled, computeType);
        }

        Tensor scores;
        using (x)
        using (Tensor flat = x.flatten(1))
        using (Tensor low = MixedPrecisionForward.Run(Layers.Classifier, flat, computeType))
        {
            scores = MixedPrecisionForward.ToFloat32(low);
        }

        if (!OutputsLogProbabilities)
        {
            return scores;
        }

        using (scores)
        {
            return scores.log_softmax(1);
        }
    }

    /// <summary>Throws when <paramref name="input"/> is not an image batch this model can take.</summary>
    /// <exception cref="ArgumentException">Not 4-D, not floating point, a dtype other than the parameters', wrong channel count, or an image size outside the limits.</exception>
    internal void ThrowIfUnsuitable(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        bool fits = shape.Length == 4
                    && input.is_floating_point()
                    && shape[1] == InputChannels
                    && Fits(shape[2], MinimumInputSize.Height, MaximumInputSize?.Height)
                    && Fits(shape[3], MinimumInputSize.Width, MaximumInputSize?.Width);
        if (!fits)
        {
            throw new ArgumentException(DescribeMismatch(shape, input.dtype), nameof(input));
        }

        ScalarType parameterType = Layers.Features.parameters().First().dtype;
        if (input.dtype != parameterType)
        {
            throw new ArgumentException(
                $"Variant.{Variant} AlexNet expects {parameterType} input (the dtype of its parameters); got {input.dtype} {Format(shape)}. Convert it with input.to(ScalarType.{parameterType}), or the model with model.to(ScalarType.{input.dtype}).",
                nameof(input));
        }

        if (training && shape[0] < 2 && _classifierNeedsBatchOfTwo)
        {
            throw new ArgumentException(
                $"Variant.{Variant} AlexNet in training mode needs at least 2 images per batch (its BatchNorm1d layers normalise over the batch); got shape {Format(shape)}. Call eval() to run single images.",
                nameof(input));
        }
    }

    /// <summary>The message for an input of <paramref name="shape"/> that does not fit.</summary>
    internal string DescribeMismatch(long[] shape, ScalarType dtype) =>
        $"Variant.{Variant} AlexNet expects {_expectedShape}; got {dtype} {Format(shape)}.";

    private static bool Fits(long size, int minimum, int? maximum) => size >= minimum && (maximum is null || size <= maximum);

    private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The smallest square input that passes through every layer, and the largest where there is one.</summary>
    private (InputSize Minimum, InputSize? Maximum) InputSizeLimits()
    {
        const int Search = 4096;
        bool Passes(int size) => LayerGeometry.Trace(Layers, new long[] { 1, InputChannels, size, size }) is not null;

        int minimum = 1;
        while (!Passes(minimum))
        {
            minimum++;
            if (minimum > Search)
            {
                throw new InvalidOperationException($"Variant.{Variant} AlexNet accepts no input up to {Search} x {Search}.");
            }
        }

        if (Layers.AvgPool is not null)
        {
            return (new InputSize(minimum, minimum), null);
        }

        int maximum = minimum;
        while (maximum < Search && Passes(maximum + 1))
        {
            maximum++;
        }

        return (new InputSize(minimum, minimum), new InputSize(maximum, maximum));
    }
}
