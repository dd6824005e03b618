using System;
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
public sealed class AlexNetModel : nn.Module<Tensor, Tensor>, IClassifierOutput, IReplicableModule
{
    private readonly bool _classifierNeedsBatchOfTwo;

    internal AlexNetModel(ModelDescriptor descriptor, LayerList layers)
        : base("AlexNet")
    {
        Descriptor = descriptor;
        OutputsLogProbabilities = descriptor.ResolvedOptions.Output == ModelOutput.LogProbabilities;
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
    }

    /// <summary>
    /// What this model is and the input it expects: variant, classes, channels, nominal, minimum and maximum input
    /// size, parameter count. The input check of the forward pass reads it.
    /// </summary>
    public ModelDescriptor Descriptor { get; }

    /// <summary>The network this model is.</summary>
    public Variant Variant => Descriptor.Variant;

    /// <summary>Number of classes: the width of the output.</summary>
    public int NumClasses => Descriptor.NumClasses;

    /// <summary>Channels the input must have (the C of N x C x H x W).</summary>
    public int InputChannels => Descriptor.InputChannels;

    /// <summary>
    /// True when the forward pass ends in <c>log_softmax</c> (train with an NLL loss); false when it returns logits
    /// (train with cross-entropy).
    /// </summary>
    public bool OutputsLogProbabilities { get; }

    /// <summary>A copy of the options the model was built with, every variant default filled in (no null property).</summary>
    public AlexNetOptions Options => Descriptor.Options;

    /// <summary>The convolutional layers (<c>features.N</c>).</summary>
    public Sequential Features => Layers.Features;

    /// <summary>The adaptive average pool (<c>avgpool</c>), or null for <see cref="Variant.Paper"/>, which has none.</summary>
    public AdaptiveAvgPool2d? AvgPool => Layers.AvgPool;

    /// <summary>The fully connected layers (<c>classifier.N</c>).</summary>
    public Sequential Classifier => Layers.Classifier;

    internal LayerList Layers { get; }

    /// <summary>A new model of the same variant, classes and options (fresh weights), on the CPU.</summary>
    nn.Module<Tensor, Tensor> IReplicableModule.CreateReplica() => AlexNetFactory.Create(Variant, NumClasses, Options);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ThrowIfUnsuitable(input);
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

    /// <summary>Throws when <paramref name="input"/> is not an image batch this model can take.</summary>
    /// <exception cref="ArgumentException">Not 4-D, not floating point, a dtype other than the parameters', wrong channel count, or an image size outside the limits.</exception>
    internal void ThrowIfUnsuitable(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        bool fits = shape.Length == 4
                    && input.is_floating_point()
                    && shape[1] == InputChannels
                    && Descriptor.Accepts(shape[2], shape[3]);
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
        $"Variant.{Variant} AlexNet expects {Descriptor.ExpectedInput}; got {dtype} {Format(shape)}.";

    private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
