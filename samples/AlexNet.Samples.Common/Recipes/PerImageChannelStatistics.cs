using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// Write-up 000's normalisation statistics: each training image resized to 224 x 224 (bilinear, rounded to uint8 as
/// torchvision's Resize on PIL images), scaled to [0, 1], its per-channel mean and population std (np.mean and np.std
/// over axes 1, 2); then the mean over the images of each. The std is the mean of per-image stds, not the pixel std of
/// the whole set (it leaves out the spread between images, so it is smaller).
/// </summary>
public static class PerImageChannelStatistics
{
    /// <summary>The images resized per chunk (bounds the memory: 128 x 3 x 224 x 224 float64 values, about 150 MB).</summary>
    private const int Chunk = 128;

    /// <summary>The mean of per-image means and the mean of per-image stds, per channel, at <paramref name="size"/> x <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentException">The dataset is empty.</exception>
    public static (IReadOnlyList<float> Mean, IReadOnlyList<float> Std) Compute(ImageDataset dataset, int size = 224)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count == 0)
        {
            throw new ArgumentException($"{dataset.Name} holds no images; per-image statistics need at least one.", nameof(dataset));
        }

        long channels = dataset.Channels;
        var resize = ImageTransforms.Resize(new ImageSize(size, size));
        using var generator = new Generator(0);
        Tensor meanSum = zeros(channels, dtype: ScalarType.Float64);
        Tensor stdSum = zeros(channels, dtype: ScalarType.Float64);
        try
        {
            for (long start = 0; start < dataset.Count; start += Chunk)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(Chunk, dataset.Count - start);
                Tensor images = dataset.Images.narrow(0, start, count);
                Tensor resized = (dataset.Height == size && dataset.Width == size ? images : resize.Apply(images, generator)).to(ScalarType.Float64).div(255.0);
                Tensor flat = resized.flatten(2);
                meanSum.add_(flat.mean(new long[] { 2 }).sum(new long[] { 0 }));
                stdSum.add_(flat.std(2, false).sum(new long[] { 0 }));
            }

            double[] means = meanSum.div(dataset.Count).data<double>().ToArray();
            double[] stds = stdSum.div(dataset.Count).data<double>().ToArray();
            return (Array.ConvertAll(means, m => (float)m), Array.ConvertAll(stds, s => (float)s));
        }
        finally
        {
            meanSum.Dispose();
            stdSum.Dispose();
        }
    }
}
