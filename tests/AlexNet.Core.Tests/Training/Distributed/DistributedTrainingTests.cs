using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Tests.Shared;
using Xunit.Abstractions;

namespace AlexNet.Core.Tests.Training.Distributed;

/// <summary>
/// The MPI strategy end to end: tests/AlexNet.DistributedProbe runs as 2 ranks under mpirun.mpich and as 1 process,
/// and the files it writes are compared. Each run takes a few seconds.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class DistributedTrainingTests
{
    private readonly ITestOutputHelper _output;

    public DistributedTrainingTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [DistributedFact]
    public async Task Distributed_two_ranks_with_half_batches_end_with_the_weights_of_one_process_with_the_whole_batch()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();

        // 96 images, a global batch of 16: 6 steps; no dropout and no batch norm, so the two runs compute the same function.
        var single = await MpiProbe.Run(1, "train", one.Path, "--epochs", "1", "--total-batch", "16");
        var pair = await MpiProbe.Run(2, "train", two.Path, "--epochs", "1", "--total-batch", "16");

        single.ExitCode.Should().Be(0, single.Output);
        pair.ExitCode.Should().Be(0, pair.Output);
        float[] expected = ReadFloats(one.Path, 0);
        float[] rank0 = ReadFloats(two.Path, 0);
        ReadFloats(two.Path, 1).Should().Equal(rank0, "rank 0's weights are broadcast and every rank applies the same averaged gradients");
        double difference = Math.Sqrt(expected.Zip(rank0, (a, b) => (double)(a - b) * (a - b)).Sum());
        double norm = Math.Sqrt(expected.Sum(a => (double)a * a));
        (difference / norm).Should().BeLessThan(1e-5, "2 ranks with half batches average the gradients of the whole batch");

        var expectedMetrics = ReadMetrics(one.Path, 0);
        foreach (int rank in new[] { 0, 1 })
        {
            var metrics = ReadMetrics(two.Path, rank);
            metrics.Samples.Should().Be(96, $"rank {rank} reports the global sample count");
            metrics.Loss.Should().BeApproximately(expectedMetrics.Loss, 1e-5 * expectedMetrics.Loss, $"rank {rank} reports the global loss");
            metrics.Top1.Should().Be(expectedMetrics.Top1, $"rank {rank} reports the global top-1");
        }
    }

    [DistributedTheory]
    [InlineData(101, false)]
    [InlineData(101, true)]
    [InlineData(100, false)]
    public async Task Distributed_shards_are_disjoint_and_cover_each_epoch(int samples, bool dropLast)
    {
        using var directory = new TempDirectory();
        var arguments = new[] { "shards", directory.Path, "--samples", samples.ToString(CultureInfo.InvariantCulture), "--batch", "5", "--epochs", "2" };
        var run = await MpiProbe.Run(2, dropLast ? arguments.Append("--drop-last").ToArray() : arguments);

        run.ExitCode.Should().Be(0, run.Output);
        var shards = Enumerable.Range(0, 2).Select(r => File.ReadAllLines(Path.Combine(directory.Path, $"shard-rank{r}.txt"))).ToArray();
        long perRank = dropLast ? samples / 2 : (samples + 1) / 2; // batches of 5 divide 50: no batch is dropped
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var indices = shards.Select(lines => lines[epoch].Split(' ').Skip(1).Select(long.Parse).ToArray()).ToArray();
            indices.Should().AllSatisfy(shard => shard.Should().HaveCount((int)perRank, "every rank gets the same number of samples"));
            var all = indices[0].Concat(indices[1]).ToArray();
            if (dropLast)
            {
                all.Should().OnlyHaveUniqueItems("the shards are disjoint");
                all.Distinct().Should().HaveCount(samples - (samples % 2), "all but the truncated remainder are visited");
            }
            else
            {
                all.Distinct().Should().HaveCount(samples, "the shards cover the epoch");
                (all.Length - samples).Should().Be(samples % 2, "only the padding to a multiple of the world size repeats an index");
            }
        }

        shards[0][0].Should().NotBe(shards[0][1].Replace("1:", "0:", StringComparison.Ordinal), "each epoch has its own order");
    }

    [DistributedFact]
    public async Task Distributed_rank_killed_mid_epoch_ends_the_other_rank_with_a_message_within_60_seconds()
    {
        using var directory = new TempDirectory();

        var run = await MpiProbe.Run(2, "train", directory.Path, "--epochs", "1000", "--fail-rank", "1", "--fail-step", "3", "--fail-kind", "kill");

        _output.WriteLine(run.Output);
        run.ExitCode.Should().NotBe(0, "a killed rank fails the run");
        run.Output.Should().Contain("probe: rank 1 fails (kill) at step 3").And.Contain("BAD TERMINATION").And.Contain("signal 9");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the launcher ends the surviving rank instead of leaving it waiting");
        File.Exists(Path.Combine(directory.Path, "weights-rank0.bin")).Should().BeFalse("rank 0 never finished its run");
    }

    [DistributedFact]
    public async Task Distributed_rank_that_throws_ends_every_rank_with_its_rank_and_error()
    {
        using var directory = new TempDirectory();

        var run = await MpiProbe.Run(2, "train", directory.Path, "--epochs", "1000", "--fail-rank", "1", "--fail-step", "3", "--fail-kind", "throw");

        run.ExitCode.Should().NotBe(0, run.Output);
        run.Output.Should().Contain("rank 1 of 2 failed: InvalidOperationException: probe failure at step 3");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        File.Exists(Path.Combine(directory.Path, "weights-rank0.bin")).Should().BeFalse("rank 0 was aborted too");
    }

    [DistributedFact]
    public async Task Distributed_ranks_with_different_options_are_refused_at_start_naming_the_difference()
    {
        using var directory = new TempDirectory();

        var run = await MpiProbe.Run(2, "train", directory.Path, "--rank1-lr", "0.1");

        run.ExitCode.Should().NotBe(0, run.Output);
        run.Output.Should().Contain("disagree, so it cannot start: TrainerOptions optimizer differs between rank 0 and rank 1");
    }

    [DistributedFact]
    public async Task Distributed_run_resumed_from_its_checkpoint_equals_an_uninterrupted_run_bitwise_and_refuses_another_world_size()
    {
        using var whole = new TempDirectory();
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        string checkpoint = Path.Combine(first.Path, "mid.ckpt");
        string[] common = { "--epochs", "2", "--total-batch", "16", "--bn-dropout" };

        var uninterrupted = await MpiProbe.Run(2, new[] { "train", whole.Path }.Concat(common).ToArray());
        var stopped = await MpiProbe.Run(2, new[] { "train", first.Path, "--stop-at-step", "4", "--save", checkpoint }.Concat(common).ToArray());
        var resumed = await MpiProbe.Run(2, new[] { "train", second.Path, "--resume", checkpoint }.Concat(common).ToArray());
        var alone = await MpiProbe.Run(1, new[] { "train", second.Path, "--resume", checkpoint }.Concat(common).ToArray());

        uninterrupted.ExitCode.Should().Be(0, uninterrupted.Output);
        stopped.ExitCode.Should().Be(0, stopped.Output);
        resumed.ExitCode.Should().Be(0, resumed.Output);
        foreach (int rank in new[] { 0, 1 })
        {
            File.ReadAllBytes(Path.Combine(second.Path, $"weights-rank{rank}.bin")).Should()
                .Equal(File.ReadAllBytes(Path.Combine(whole.Path, $"weights-rank{rank}.bin")), $"rank {rank} resumes mid-epoch exactly");
        }

        alone.ExitCode.Should().NotBe(0);
        alone.Output.Should().Contain("was written by a run on 2 process(es); this run has 1");
    }

    /// <summary>The probe's weights file of <paramref name="rank"/> as floats.</summary>
    internal static float[] ReadFloats(string directory, int rank)
    {
        var bytes = File.ReadAllBytes(Path.Combine(directory, $"weights-rank{rank}.bin"));
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, floats.Length * 4);
        return floats;
    }

    private static (double Loss, double Top1, long Samples) ReadMetrics(string directory, int rank)
    {
        var parts = File.ReadAllText(Path.Combine(directory, $"metrics-rank{rank}.txt")).Split(' ');
        var culture = CultureInfo.InvariantCulture;
        return (double.Parse(parts[0], culture), double.Parse(parts[1], culture), long.Parse(parts[2], culture));
    }
}
