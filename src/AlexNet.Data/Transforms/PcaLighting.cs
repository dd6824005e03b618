using System;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The paper's PCA colour augmentation ("fancy PCA", Krizhevsky et al. 2012, section 4.1): to every pixel of an image
/// add <c>[p1 p2 p3] [a1 l1, a2 l2, a3 l3]^T</c>, where p and l are the eigenvectors and eigenvalues of the training
/// set's RGB covariance and a ~ N(0, <see cref="AlphaStd"/>) is drawn once per image. Works on float RGB images in
/// [0, 1] (before <see cref="Normalize"/>); no clamping, as in the paper.
/// </summary>
internal sealed class PcaLighting : ImageTransform
{
    private readonly float[] _eigenvalues;
    private readonly float[] _eigenvectorColumns;

    /// <summary>Creates the transform.</summary>
    /// <param name="components">The training set's RGB principal components; <see cref="RgbPrincipalComponents.ImageNet"/> when null.</param>
    /// <param name="alphaStd">Standard deviation of the per-image coefficients; the paper's 0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alphaStd"/> is negative, NaN or infinite.</exception>
    public PcaLighting(RgbPrincipalComponents? components = null, double alphaStd = 0.1)
    {
        Components = components ?? RgbPrincipalComponents.ImageNet;
        AlphaStd = TransformArguments.NonNegativeFinite(alphaStd, nameof(alphaStd));
        _eigenvalues = Components.Eigenvalues.Select(v => (float)v).ToArray();
        _eigenvectorColumns = Components.EigenvectorColumns().Select(v => (float)v).ToArray();
    }

    /// <summary>The principal components used.</summary>
    public RgbPrincipalComponents Components { get; }

    /// <summary>Standard deviation of the per-image coefficients a.</summary>
    public double AlphaStd { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        TransformArguments.RequireFloatingPoint(input, nameof(PcaLighting));
        TransformArguments.RequireChannels(input, nameof(PcaLighting), 3);
        return input;
    }

    /// <summary>Adds image n's colour shift for coefficients <paramref name="alphas"/>[n] (a1, a2, a3): the transform with its random draws given.</summary>
    /// <param name="images">A float RGB batch N x 3 x H x W.</param>
    /// <param name="alphas">float N x 3.</param>
    internal Tensor ApplyWith(Tensor images, Tensor alphas) =>
        RunOnBatch(images, batch =>
        {
            TransformArguments.RequirePerImage(alphas, batch.shape[0], nameof(alphas), 3);
            return Shift(batch, alphas);
        });

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator) =>
        Shift(batch, RandomDraws.Normal(batch.shape[0], 3, AlphaStd, generator));

    private Tensor Shift(Tensor batch, Tensor alphas)
    {
        Tensor eigenvalues = tensor(_eigenvalues, dtype: ScalarType.Float32).view(1, 3);
        Tensor eigenvectors = tensor(_eigenvectorColumns, dtype: ScalarType.Float32).view(3, 3);
        Tensor rgb = (alphas.to(ScalarType.Float32, CPU) * eigenvalues).matmul(eigenvectors.t());
        return batch + rgb.to(batch.dtype, batch.device).view(-1, 3, 1, 1);
    }

    /// <inheritdoc />
    public override string ToString() => $"PcaLighting(alphaStd {AlphaStd}, eigenvalues [{string.Join(", ", _eigenvalues)}])";
}
