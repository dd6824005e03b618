using System;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Loading;

/// <summary>
/// The dataset indices one rank visits in an epoch, with the semantics of PyTorch's
/// <c>torch.utils.data.DistributedSampler</c>: the epoch's order (a permutation drawn from a CPU generator seeded by
/// <see cref="LoaderSeeds.ForShuffle"/>, or the dataset order without shuffle) is padded by repeating its start up to a
/// multiple of the world size, or truncated to one when <c>dropLast</c> is set; rank r then takes every world-size-th
/// index from position r. With a world size of 1 the result is the epoch's order itself.
/// </summary>
internal sealed class EpochSampler
{
    private readonly long _count;
    private readonly bool _shuffle;
    private readonly long _seed;
    private readonly int _rank;
    private readonly int _worldSize;

    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the world size is below 1 or the rank is outside [0, worldSize).</exception>
    public EpochSampler(long count, bool shuffle, long seed, int rank = 0, int worldSize = 1, bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        if (rank < 0 || rank >= worldSize)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must lie in [0, {worldSize - 1}].");
        }

        _count = count;
        _shuffle = shuffle;
        _seed = seed;
        _rank = rank;
        _worldSize = worldSize;
        SamplesPerRank = dropLast ? count / worldSize : (count + worldSize - 1) / worldSize;
    }

    /// <summary>Indices each rank visits per epoch.</summary>
    public long SamplesPerRank { get; }

    /// <summary>The indices this rank visits in <paramref name="epoch"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public long[] Indices(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        long[] order = EpochOrder(epoch);
        if (_worldSize == 1)
        {
            return order;
        }

        var shard = new long[SamplesPerRank];
        for (long j = 0; j < shard.LongLength; j++)
        {
            shard[j] = order[(_rank + (j * _worldSize)) % _count];
        }

        return shard;
    }

    private long[] EpochOrder(int epoch)
    {
        if (!_shuffle)
        {
            return Enumerable.Range(0, checked((int)_count)).Select(i => (long)i).ToArray();
        }

        using var generator = new Generator(LoaderSeeds.ForShuffle(_seed, epoch));
        using Tensor order = randperm(_count, ScalarType.Int64, CPU, generator: generator);
        return order.data<long>().ToArray();
    }
}
