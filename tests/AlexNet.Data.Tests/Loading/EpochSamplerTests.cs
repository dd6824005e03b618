using System;
using System.Linq;
using AlexNet.Data.Loading;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Loading;

/// <summary>The epoch sampler: today's order for one process, PyTorch's DistributedSampler shards for several.</summary>
public class EpochSamplerTests
{
    private static long[] Range(int count) => Enumerable.Range(0, count).Select(i => (long)i).ToArray();

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(7L, 3)]
    public void One_process_visits_the_permutation_seeded_from_the_seed_and_epoch(long seed, int epoch)
    {
        var sampler = new EpochSampler(1000, shuffle: true, seed);
        using var generator = new Generator(LoaderSeeds.ForShuffle(seed, epoch));
        using Tensor expected = randperm(1000, ScalarType.Int64, CPU, generator: generator);

        sampler.SamplesPerRank.Should().Be(1000);
        sampler.Indices(epoch).Should().Equal(expected.data<long>().ToArray());
    }

    [Fact]
    public void Without_shuffle_one_process_visits_the_dataset_order()
    {
        new EpochSampler(10, shuffle: false, seed: 3).Indices(5).Should().Equal(Range(10));
    }

    [Fact]
    public void Shards_are_disjoint_and_cover_an_epoch_that_divides_evenly()
    {
        var whole = new EpochSampler(120, shuffle: true, seed: 9).Indices(2);
        var shards = Enumerable.Range(0, 4).Select(rank => new EpochSampler(120, true, 9, rank, worldSize: 4).Indices(2)).ToArray();

        shards.Should().OnlyContain(s => s.Length == 30);
        shards.SelectMany(s => s).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(whole);
        shards[1].Should().Equal(whole.Where((_, i) => i % 4 == 1));
    }

    [Fact]
    public void Without_drop_last_the_last_partial_shard_is_padded_from_the_start_of_the_order_as_pytorch()
    {
        // torch.utils.data.DistributedSampler(range(10), num_replicas=3, shuffle=False): total 12, indices 0..9, 0, 1.
        var shards = Enumerable.Range(0, 3).Select(rank => new EpochSampler(10, false, 0, rank, 3).Indices(0)).ToArray();

        shards[0].Should().Equal(0, 3, 6, 9);
        shards[1].Should().Equal(1, 4, 7, 0);
        shards[2].Should().Equal(2, 5, 8, 1);
        new EpochSampler(10, false, 0, 2, 3).SamplesPerRank.Should().Be(4);
    }

    [Fact]
    public void With_drop_last_the_order_is_truncated_to_a_multiple_of_the_world_size_as_pytorch()
    {
        // DistributedSampler(range(10), num_replicas=3, shuffle=False, drop_last=True): 3 samples each, 9 dropped.
        var shards = Enumerable.Range(0, 3).Select(rank => new EpochSampler(10, false, 0, rank, 3, dropLast: true).Indices(0)).ToArray();

        shards[0].Should().Equal(0, 3, 6);
        shards[1].Should().Equal(1, 4, 7);
        shards[2].Should().Equal(2, 5, 8);
        shards.SelectMany(s => s).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Shuffled_shards_pad_and_truncate_the_shuffled_order()
    {
        long[] whole = new EpochSampler(11, true, 4).Indices(1);
        var padded = Enumerable.Range(0, 4).Select(rank => new EpochSampler(11, true, 4, rank, 4).Indices(1)).ToArray();
        var truncated = Enumerable.Range(0, 4).Select(rank => new EpochSampler(11, true, 4, rank, 4, dropLast: true).Indices(1)).ToArray();

        padded.Should().OnlyContain(s => s.Length == 3);
        padded.SelectMany(s => s).Distinct().Should().BeEquivalentTo(whole, "padding repeats indices and covers the epoch");
        padded[3].Should().Equal(whole[3], whole[7], whole[0]);
        truncated.Should().OnlyContain(s => s.Length == 2);
        truncated.SelectMany(s => s).Should().BeEquivalentTo(whole.Take(8));
    }

    [Fact]
    public void A_rank_outside_the_world_is_rejected()
    {
        var act = () => new EpochSampler(10, true, 0, rank: 3, worldSize: 3);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rank");
    }
}
