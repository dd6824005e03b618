using System;
using System.Collections.Generic;
using AlexNet.Core.Models;
using AlexNet.Core.Models.Weights;

namespace AlexNet.Core.Interop;

/// <summary>
/// A model with pretrained weights, from <see cref="PretrainedWeights.Load"/>: the network (in evaluation mode), its
/// class names and the evaluation preprocessing it expects (AlexNet.Data's <c>StandardPipelines.Evaluation(Weights)</c>
/// builds the transform). Disposing it disposes the model.
/// </summary>
public sealed class PretrainedModel : IDisposable
{
    internal PretrainedModel(AlexNetModel model, WeightsDescriptor weights, string filePath)
    {
        Model = model;
        Weights = weights;
        Categories = weights.Categories!;
        FilePath = filePath;
    }

    /// <summary>The network with the weights loaded, in evaluation mode, on the CPU.</summary>
    public AlexNetModel Model { get; }

    /// <summary>The weights entry: model, preprocessing, file, metrics.</summary>
    public WeightsDescriptor Weights { get; }

    /// <summary>The class names, index = output of <see cref="Model"/>.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The evaluation preprocessing the weights expect (resize, central crop, mean and std).</summary>
    public EvaluationPreprocessing Preprocessing => Weights.Preprocessing;

    /// <summary>The weights file that was loaded (in the cache, or the one given).</summary>
    public string FilePath { get; }

    /// <summary>Disposes <see cref="Model"/>.</summary>
    public void Dispose() => Model.Dispose();
}
