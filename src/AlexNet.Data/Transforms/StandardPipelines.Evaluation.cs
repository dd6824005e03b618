using System;
using System.Collections.Generic;
using AlexNet.Core.Models.Weights;

namespace AlexNet.Data.Transforms;

/// <summary>The evaluation pipeline of a weights entry.</summary>
public static partial class StandardPipelines
{
    /// <summary>
    /// The evaluation transform <paramref name="weights"/> expect, from its <see cref="WeightsDescriptor.Preprocessing"/>:
    /// Resize of the shorter side (when set), CenterCrop (when set), ToFloat, Normalize(mean, std), as torchvision's
    /// <c>weights.transforms()</c>. For <see cref="KnownWeights.ImageNet"/>: Resize(256), CenterCrop(224), ToFloat, Normalize.
    /// </summary>
    /// <param name="weights">The weights entry.</param>
    /// <param name="input">The images it will get, to check the pipeline against now; null checks nothing until the first batch.</param>
    /// <exception cref="ArgumentException">The pipeline does not fit <paramref name="input"/> (wrong channel count, image smaller than the crop).</exception>
    public static ITransform Evaluation(WeightsDescriptor weights, ImageSpec? input = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        EvaluationPreprocessing preprocessing = weights.Preprocessing;
        var steps = new List<ITransform>();
        if (preprocessing.ResizeShorterSide is { } shorterSide)
        {
            steps.Add(new Resize(shorterSide));
        }

        if (preprocessing.CenterCropSize is { } crop)
        {
            steps.Add(new CenterCrop(crop));
        }

        steps.Add(new ToFloat());
        steps.Add(new Normalize(preprocessing.Mean, preprocessing.Std));
        var pipeline = new Compose(steps);
        return input is { } images ? pipeline.ValidatedFor(images) : pipeline;
    }
}
