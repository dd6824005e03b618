using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Eigenvalues and eigenvectors of the 3 x 3 covariance of RGB pixel values (in [0, 1]) over a training set: the basis
/// of the paper's PCA colour augmentation (<see cref="PcaLighting"/>).
/// </summary>
public sealed class RgbPrincipalComponents
{
    private readonly double[] _eigenvalues;
    private readonly double[][] _eigenvectors;

    /// <summary>Creates the basis from eigenvalues and their eigenvectors.</summary>
    /// <param name="eigenvalues">Three eigenvalues, largest first.</param>
    /// <param name="eigenvectors">Three eigenvectors (R, G, B components each), in the order of <paramref name="eigenvalues"/>.</param>
    /// <exception cref="ArgumentException">Not three non-negative finite eigenvalues, or not three finite 3-vectors.</exception>
    internal RgbPrincipalComponents(IReadOnlyList<double> eigenvalues, IReadOnlyList<IReadOnlyList<double>> eigenvectors)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        ArgumentNullException.ThrowIfNull(eigenvectors);
        if (eigenvalues.Count != 3 || eigenvalues.Any(v => !(v >= 0) || !double.IsFinite(v)))
        {
            throw new ArgumentException($"Three non-negative finite eigenvalues are required; got [{string.Join(", ", eigenvalues)}].", nameof(eigenvalues));
        }

        if (eigenvectors.Count != 3 || eigenvectors.Any(v => v is null || v.Count != 3 || v.Any(x => !double.IsFinite(x))))
        {
            throw new ArgumentException("Three eigenvectors of three finite components (R, G, B) are required.", nameof(eigenvectors));
        }

        _eigenvalues = eigenvalues.ToArray();
        _eigenvectors = eigenvectors.Select(v => v.ToArray()).ToArray();
    }

    /// <summary>
    /// The ImageNet values used by most reimplementations of the paper (fb.resnet.torch's <c>Lighting</c>, for pixels
    /// in [0, 1]): eigenvalues (0.2175, 0.0188, 0.0045) and eigenvectors (-0.5675, -0.5808, -0.5836),
    /// (0.7192, -0.0045, -0.6948), (0.4009, -0.8140, 0.4203).
    /// </summary>
    public static RgbPrincipalComponents ImageNet { get; } = new(
        new[] { 0.2175, 0.0188, 0.0045 },
        new[]
        {
            new[] { -0.5675, -0.5808, -0.5836 },
            new[] { 0.7192, -0.0045, -0.6948 },
            new[] { 0.4009, -0.8140, 0.4203 },
        });

    /// <summary>The eigenvalues, largest first.</summary>
    internal IReadOnlyList<double> Eigenvalues => _eigenvalues;

    /// <summary>Eigenvector <paramref name="index"/> (0 = largest eigenvalue) as (R, G, B).</summary>
    internal IReadOnlyList<double> Eigenvector(int index) => _eigenvectors[index];

    /// <summary>
    /// Computes the basis from an RGB dataset, as the paper does: the covariance of all pixel values (scaled to [0, 1])
    /// accumulated in float64 over chunks of images, then its eigen-decomposition.
    /// </summary>
    /// <param name="dataset">A dataset with 3 channels.</param>
    /// <param name="imagesPerChunk">Images converted to float64 at a time (bounds the memory used).</param>
    /// <exception cref="ArgumentException">The dataset is empty or not RGB.</exception>
    public static RgbPrincipalComponents FromDataset(ImageDataset dataset, int imagesPerChunk = 1024)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Channels != 3 || dataset.Count == 0)
        {
            throw new ArgumentException($"{dataset.Name}: PCA lighting needs a non-empty RGB dataset; got {dataset.Count} images of {dataset.Channels} channels.", nameof(dataset));
        }

        TransformArguments.Positive(imagesPerChunk, nameof(imagesPerChunk));
        using var scope = NewDisposeScope();
        Tensor sum = zeros(3, dtype: ScalarType.Float64);
        Tensor products = zeros(3, 3, dtype: ScalarType.Float64);
        for (long start = 0; start < dataset.Count; start += imagesPerChunk)
        {
            using var chunkScope = NewDisposeScope();
            long count = Math.Min(imagesPerChunk, dataset.Count - start);
            Tensor pixels = dataset.Images.narrow(0, start, count).to(ScalarType.Float64, CPU).div_(255.0).transpose(0, 1).reshape(3, -1);
            sum.add_(pixels.sum(1));
            products.add_(pixels.matmul(pixels.t()));
        }

        double total = (double)dataset.Count * dataset.Height * dataset.Width;
        Tensor mean = sum / total;
        Tensor covariance = (products / total) - mean.outer(mean);
        (Tensor values, Tensor vectors) = linalg.eigh(covariance);
        double[] ascending = values.data<double>().ToArray();
        double[] columns = vectors.contiguous().data<double>().ToArray();
        var eigenvalues = new double[3];
        var eigenvectors = new double[3][];
        for (int k = 0; k < 3; k++)
        {
            int column = 2 - k;
            eigenvalues[k] = Math.Max(0, ascending[column]);
            eigenvectors[k] = new[] { columns[column], columns[3 + column], columns[6 + column] };
        }

        return new RgbPrincipalComponents(eigenvalues, eigenvectors);
    }

    /// <summary>The eigenvectors as columns of a 3 x 3 matrix (row = R, G, B).</summary>
    internal double[] EigenvectorColumns() =>
        Enumerable.Range(0, 3).SelectMany(row => Enumerable.Range(0, 3).Select(k => _eigenvectors[k][row])).ToArray();
}
