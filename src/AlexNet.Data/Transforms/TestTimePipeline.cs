using AlexNet.Core.Abstractions;

namespace AlexNet.Data.Transforms;

/// <summary>An evaluation pipeline with test-time augmentation: the per-batch <see cref="Transform"/>, then the <see cref="Views"/> whose predictions are averaged.</summary>
/// <param name="Transform">Applied to every batch (by the loader).</param>
/// <param name="Views">Makes the views of each transformed batch (for example <see cref="TenCrop"/>).</param>
public sealed record TestTimePipeline(ITransform Transform, ITestTimeAugmentation Views);
