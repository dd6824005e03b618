using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Data.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.DistributedProbe;

/// <summary>N random 3 x S x S images (S = 8 unless given) with random labels of 10 classes, the same in every process (seeded).</summary>
public sealed class SyntheticSet : IImageDataset, IDisposable
{
    private readonly Tensor _images;
    private readonly Tensor _labels;

    public SyntheticSet(int count, int size = 8)
    {
        using var generator = new TorchSharp.torch.Generator(7);
        _images = randint(0, 256, new long[] { count, 3, size, size }, ScalarType.Byte, generator: generator);
        Height = size;
        Width = size;
        _labels = randint(0, 10, new long[] { count }, ScalarType.Int64, generator: generator);
        Count = count;
    }

    public string Name => "probe synthetic";

    public long Count { get; }

    public IReadOnlyList<string> Classes { get; } = Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray();

    public long Channels => 3;

    public long Height { get; }

    public long Width { get; }

    public (Tensor Images, Tensor Labels) ReadBatch(IReadOnlyList<long> indices)
    {
        using var index = tensor(indices.ToArray(), ScalarType.Int64);
        return (_images.index_select(0, index), _labels.index_select(0, index));
    }

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
    }
}

/// <summary>Images that carry their own index (1 x 1 x 2: low byte, high byte), for the shard test.</summary>
public sealed class IndexSet : IImageDataset, IDisposable
{
    public IndexSet(int count) => Count = count;

    public string Name => "probe indices";

    public long Count { get; }

    public IReadOnlyList<string> Classes { get; } = Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray();

    public long Channels => 1;

    public long Height => 1;

    public long Width => 2;

    public static IEnumerable<long> Decode(Tensor images)
    {
        using var flat = images.to(ScalarType.Int64).reshape(-1, 2);
        var values = flat.data<long>().ToArray();
        for (int i = 0; i < values.Length; i += 2)
        {
            yield return values[i] + (256 * values[i + 1]);
        }
    }

    public (Tensor Images, Tensor Labels) ReadBatch(IReadOnlyList<long> indices)
    {
        var bytes = indices.SelectMany(i => new[] { (byte)(i % 256), (byte)(i / 256) }).ToArray();
        return (tensor(bytes, ScalarType.Byte).reshape(indices.Count, 1, 1, 2), tensor(indices.Select(i => i % 10).ToArray(), ScalarType.Int64));
    }

    public void Dispose()
    {
    }
}

/// <summary>conv 3->6 (3x3), [batch norm], ReLU, [dropout 0.5], linear 216->10.</summary>
public sealed class TinyNet : TorchSharp.torch.nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv = nn.Conv2d(3, 6, 3);
    private readonly BatchNorm2d? norm;
    private readonly Dropout? dropout;
    private readonly Linear head = nn.Linear(216, 10);

    public TinyNet(bool normAndDropout)
        : base(nameof(TinyNet))
    {
        if (normAndDropout)
        {
            norm = nn.BatchNorm2d(6);
            dropout = nn.Dropout(0.5);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = conv.forward(input);
        x = norm is null ? x : norm.forward(x);
        x = nn.functional.relu(x).flatten(1);
        x = dropout is null ? x : dropout.forward(x);
        return head.forward(x).MoveToOuterDisposeScope();
    }
}
