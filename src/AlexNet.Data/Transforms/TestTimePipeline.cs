using AlexNet.Core.Abstractions;

namespace AlexNet.Data.Transforms;

/// <summary>An evaluation pipeline with test-time augmentation: the per-batch <see cref="Transform"/>, then the <see cref="Views"/> whose predictions are averaged.</summary>
public sealed class TestTimePipeline
{
    internal TestTimePipeline(ITransform transform, ITestTimeAugmentation views)
    {
        Transform = transform;
        Views = views;
    }

    /// <summary>Applied to every batch (by the loader).</summary>
    public ITransform Transform { get; }

    /// <summary>Makes the views of each transformed batch (for example the ten crops of <see cref="ImageTransforms.TenCrop"/>).</summary>
    public ITestTimeAugmentation Views { get; }
}
