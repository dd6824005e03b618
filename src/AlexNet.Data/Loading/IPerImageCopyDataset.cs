using System.Collections.Generic;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Loading;

/// <summary>
/// A dataset that decodes its images one by one (an image folder) and can apply a <see cref="PerImageCopyPlan"/> while
/// it copies each decoded image into the batch; the <see cref="DataLoader"/> then applies only the plan's rest.
/// </summary>
internal interface IPerImageCopyDataset
{
    /// <summary>
    /// The batch of <paramref name="indices"/> written through <paramref name="plan"/>: images of the plan's output spec
    /// and int64 labels, both owned by the caller, with the same items (and unreadable items left out) as the dataset's
    /// ReadBatch. The plan's parameters are drawn from <paramref name="generator"/> once the number of read items is known.
    /// </summary>
    (Tensor Images, Tensor Labels) ReadBatch(IReadOnlyList<long> indices, PerImageCopyPlan plan, Generator generator);
}
