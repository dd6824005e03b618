using static TorchSharp.torch;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// Test-time augmentation: several views of every image whose predictions are averaged, such as the paper's
/// ten-crop (AlexNet.Data's <c>TenCrop</c>).
/// </summary>
public interface ITestTimeAugmentation
{
    /// <summary>Number of views made of each image.</summary>
    int ViewCount { get; }

    /// <summary>
    /// Makes the views of a batch N x C x H x W: a tensor (ViewCount * N) x C x h x w ordered view-major,
    /// so rows [v * N, (v + 1) * N) hold view v of every image.
    /// </summary>
    Tensor CreateViews(Tensor images);
}
