using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AlexNet.Data.Datasets;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Loading;

/// <summary>In-memory datasets for the loader tests: label i belongs to image i, and image i's pixels are derived from i.</summary>
internal static class LoaderTestData
{
    public static ImageDataset Indexed(int count, int channels = 3, int size = 8)
    {
        using var ids = arange(count, dtype: ScalarType.Int64);
        Tensor images = ids.remainder(256).to(ScalarType.Byte).view(count, 1, 1, 1).expand(count, channels, size, size).contiguous();
        images.select(2, 0).select(2, 0).copy_(ids.div(256, rounding_mode: RoundingMode.floor).to(ScalarType.Byte).view(count, 1).expand(count, channels));
        return new ImageDataset(images, ids.clone(), Enumerable.Range(0, count).Select(i => $"class {i}").ToArray(), "indexed");
    }
}

/// <summary>A transform that records every tensor it returns (to check who disposes them) and can fail on a given call.</summary>
internal sealed class RecordingTransform : ITransform
{
    private readonly ITransform _inner;
    private readonly int _failOnCall;
    private int _calls;

    public RecordingTransform(ITransform inner, int failOnCall = -1)
    {
        _inner = inner;
        _failOnCall = failOnCall;
    }

    public ConcurrentQueue<Tensor> Outputs { get; } = new();

    public Tensor Apply(Tensor images, Generator generator)
    {
        int call = Interlocked.Increment(ref _calls);
        if (call == _failOnCall)
        {
            throw new InvalidOperationException($"transform failed on call {call}");
        }

        Tensor output = _inner.Apply(images, generator);
        Outputs.Enqueue(output);
        return output;
    }

    public ImageSpec GetOutputSpec(ImageSpec input) => _inner.GetOutputSpec(input);
}
