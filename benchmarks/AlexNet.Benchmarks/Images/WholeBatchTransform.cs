using AlexNet.Data.Transforms;
using TorchSharp;

namespace AlexNet.Benchmarks.Images;

/// <summary>
/// A pipeline behind a wrapper the loader cannot look into, so that it is applied to the whole decoded batch (the
/// loader's path before per-image copying): the benchmark's "before" row in the same run.
/// </summary>
internal sealed class WholeBatchTransform : ITransform
{
    private readonly ITransform _inner;

    public WholeBatchTransform(ITransform inner) => _inner = inner;

    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator) => _inner.Apply(images, generator);

    public ImageSpec GetOutputSpec(ImageSpec input) => _inner.GetOutputSpec(input);
}
