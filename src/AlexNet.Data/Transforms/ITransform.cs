using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// A tensor image transform: applies to one image C x H x W or to a batch N x C x H x W, on whatever device the
/// images are.
/// </summary>
/// <remarks>
/// <para>Random transforms draw their parameters from <c>generator</c>, a CPU <see cref="Generator"/>, independently for
/// every image of a batch, and move the few parameter values to the images' device. The same generator state therefore
/// gives the same output on the CPU and on any device; nothing is drawn from global random state.</para>
/// <para>Ownership: <see cref="Apply"/> returns a new tensor that the caller owns (it joins the caller's dispose scope,
/// if any). It never modifies or disposes its input.</para>
/// </remarks>
public interface ITransform
{
    /// <summary>Transforms <paramref name="images"/> (C x H x W or N x C x H x W).</summary>
    /// <param name="images">The input; neither modified nor disposed.</param>
    /// <param name="generator">A CPU generator from which random transforms draw; deterministic transforms ignore it.</param>
    /// <returns>A new tensor, owned by the caller.</returns>
    /// <exception cref="System.ArgumentException">The images do not suit the transform (see <see cref="GetOutputSpec"/>).</exception>
    Tensor Apply(Tensor images, Generator generator);

    /// <summary>
    /// The spec of the images this transform returns for inputs of spec <paramref name="input"/>. Pipelines call it when
    /// they are built, so that a crop larger than the padded image, or a mean with the wrong number of channels, fails
    /// before the first batch.
    /// </summary>
    /// <exception cref="System.ArgumentException">Inputs of this spec are not accepted; the message names the transform's argument at fault.</exception>
    ImageSpec GetOutputSpec(ImageSpec input);
}
