using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Turns each RGB image to grayscale (luma in all three channels) with probability <see cref="P"/>, independently per
/// image, as torchvision's <c>RandomGrayscale</c>; one-channel images pass unchanged.
/// </summary>
internal sealed class RandomGrayscale : ImageTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="p">The probability that an image is turned to grayscale, in [0, 1].</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public RandomGrayscale(double p = 0.1)
    {
        P = TransformArguments.Probability(p, nameof(p));
    }

    /// <summary>The probability that an image is turned to grayscale.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        TransformArguments.RequireChannels(input, nameof(RandomGrayscale), 1, 3);
        return input;
    }

    /// <summary>Turns image n to grayscale where <paramref name="gray"/>[n] is true: the transform with its random draws given.</summary>
    /// <param name="images">A batch N x C x H x W.</param>
    /// <param name="gray">bool N.</param>
    internal Tensor ApplyWith(Tensor images, Tensor gray) =>
        RunOnBatch(images, batch =>
        {
            TransformArguments.RequirePerImage(gray, batch.shape[0], nameof(gray));
            return Select(batch, gray.to(ScalarType.Bool, batch.device));
        });

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        Tensor gray = RandomDraws.Bernoulli(batch.shape[0], P, generator).to(batch.device);
        return Select(batch, gray);
    }

    private static Tensor Select(Tensor batch, Tensor gray)
    {
        if (batch.shape[1] != 3)
        {
            return batch;
        }

        Tensor luma = ColorOps.Luma(batch);
        return where(gray.view(-1, 1, 1, 1), luma, batch);
    }

    /// <inheritdoc />
    public override string ToString() => $"RandomGrayscale(p {P})";
}
