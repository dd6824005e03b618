using AlexNet.Data.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Samples.Common.Runs;

/// <summary>
/// A small generated image classification set for machines without the real data: each image is uniform noise
/// with a bright horizontal band whose height encodes the class, so a network can learn it in one short epoch.
/// </summary>
public static class SyntheticImages
{
    private const int BandHeight = 4;

    /// <summary>
    /// <paramref name="count"/> uint8 images of <paramref name="channels"/> x <paramref name="size"/> x
    /// <paramref name="size"/>, labels drawn uniformly from the classes, all from <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, or the images are too small for a band per class.</exception>
    public static ImageDataset Create(int count, int channels, int size, IReadOnlyList<string> classes, long seed, string name)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, classes.Count + BandHeight);
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)seed));
        Tensor labels = randint(0, classes.Count, new long[] { count }, dtype: ScalarType.Int64, generator: generator);
        // The band of class c starts at row c * (size - BandHeight) / (classes - 1).
        Tensor start = classes.Count == 1 ? zeros_like(labels) : (labels * (size - BandHeight)).div(classes.Count - 1, rounding_mode: RoundingMode.floor);
        Tensor rows = arange(size, dtype: ScalarType.Int64).view(1, 1, size, 1);
        Tensor top = start.view(count, 1, 1, 1);
        Tensor band = rows.ge(top).logical_and(rows.lt(top + BandHeight));
        Tensor noise = randint(0, 96, new long[] { count, channels, size, size }, dtype: ScalarType.Int64, generator: generator);
        Tensor images = (noise + (band.to(ScalarType.Int64) * 150)).clamp(0, 255).to(ScalarType.Byte);
        return new ImageDataset(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), classes, name);
    }
}
