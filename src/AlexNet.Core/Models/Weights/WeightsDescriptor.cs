using System;
using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Core.Models.Weights;

/// <summary>
/// A weights entry, as torchvision's <c>AlexNet_Weights.IMAGENET1K_V1</c>: the model the weights fit, the class names,
/// the evaluation preprocessing as data, where the weights come from and the metrics reported for them.
/// <see cref="KnownWeights"/> holds the library's entries.
/// </summary>
public sealed class WeightsDescriptor
{
    private readonly Lazy<ModelDescriptor> _model;

    /// <summary>An entry for weights of the model <paramref name="model"/> describes.</summary>
    /// <param name="name">A short name, such as "Cifar10".</param>
    /// <param name="model">The model the weights fit (<see cref="AlexNetFactory.Describe"/>).</param>
    /// <param name="preprocessing">The preprocessing the weights were evaluated with; its channels must be the model's.</param>
    /// <param name="categories">The class names, index = label, one per class of the model; null where unknown.</param>
    /// <exception cref="ArgumentException">The channels or the number of categories do not match the model, or the name is empty.</exception>
    internal WeightsDescriptor(string name, ModelDescriptor model, EvaluationPreprocessing preprocessing, IReadOnlyList<string>? categories = null)
        : this(name, () => model, preprocessing, categories)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (preprocessing.Channels != model.InputChannels)
        {
            throw new ArgumentException(
                $"The preprocessing has {preprocessing.Channels} channels; the model takes {model.InputChannels}.", nameof(preprocessing));
        }

        if (categories is not null && categories.Count != model.NumClasses)
        {
            throw new ArgumentException($"{categories.Count} categories for a model of {model.NumClasses} classes.", nameof(categories));
        }
    }

    /// <summary>An entry whose model descriptor is worked out on first use (the library's entries).</summary>
    internal WeightsDescriptor(string name, Func<ModelDescriptor> model, EvaluationPreprocessing preprocessing, IReadOnlyList<string>? categories)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(preprocessing);
        Name = name;
        _model = new Lazy<ModelDescriptor>(model);
        Preprocessing = preprocessing;
        Categories = categories is null ? null : Array.AsReadOnly(categories.ToArray());
    }

    /// <summary>The entry's name.</summary>
    public string Name { get; }

    /// <summary>The model the weights fit: variant, classes, options, input sizes and parameter count.</summary>
    public ModelDescriptor Model => _model.Value;

    /// <summary>The class names, index = label; null where the library does not know them.</summary>
    public IReadOnlyList<string>? Categories { get; }

    /// <summary>The evaluation preprocessing the weights expect (resize, central crop, mean and std).</summary>
    public EvaluationPreprocessing Preprocessing { get; }

    /// <summary>The weights file's name, or null where there is no file.</summary>
    public string? FileName { get; internal init; }

    /// <summary>Where the weights file can be downloaded, or null.</summary>
    public Uri? Url { get; internal init; }

    /// <summary>
    /// The most bytes a download of the file may take (the published file's size plus a margin), or null where there is
    /// no file to download. A longer body is cut off there and nothing is saved.
    /// </summary>
    public long? MaxFileLength { get; internal init; }

    /// <summary>The leading hexadecimal digits of the file's SHA-256 (as in torchvision's file names), or null.</summary>
    public string? Sha256Prefix { get; internal init; }

    /// <summary>Metrics reported for the weights, by name (such as "acc@1" in percent), or null where none are.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; internal init; }
}
