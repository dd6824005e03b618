using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>Mirrors each image left-right with probability <see cref="P"/>, independently per image (torchvision's <c>RandomHorizontalFlip</c>).</summary>
internal sealed class RandomHorizontalFlip : ImageTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="p">The probability that an image is flipped, in [0, 1].</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public RandomHorizontalFlip(double p = 0.5)
    {
        P = TransformArguments.Probability(p, nameof(p));
    }

    /// <summary>The probability that an image is flipped.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input) => input;

    /// <summary>Mirrors image n where <paramref name="flip"/>[n] is true: the transform with its random draws given.</summary>
    /// <param name="images">A batch N x C x H x W.</param>
    /// <param name="flip">bool N.</param>
    internal Tensor ApplyWith(Tensor images, Tensor flip) =>
        RunOnBatch(images, batch =>
        {
            TransformArguments.RequirePerImage(flip, batch.shape[0], nameof(flip));
            using Tensor mask = flip.to(ScalarType.Bool, batch.device);
            return ImageCrops.FlipEach(batch, mask);
        });

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        Tensor flip = RandomDraws.Bernoulli(batch.shape[0], P, generator).to(batch.device);
        return ImageCrops.FlipEach(batch, flip);
    }

    /// <inheritdoc />
    public override string ToString() => $"RandomHorizontalFlip(p {P})";
}
