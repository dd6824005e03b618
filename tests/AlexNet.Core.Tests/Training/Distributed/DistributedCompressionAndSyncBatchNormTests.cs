using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training.Distributed;

/// <summary>
/// bfloat16 gradient compression and synchronised batch norm end to end: tests/AlexNet.DistributedProbe runs as 2 ranks
/// under mpirun.mpich and as 1 process, and the files it writes are compared.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class DistributedCompressionAndSyncBatchNormTests
{
    /// <summary>The largest relative L2 difference allowed between the compressed and the float32 run after 6 steps.</summary>
    private const double CompressionTolerance = 2e-3;

    [DistributedFact]
    public async Task Distributed_bfloat16_compression_keeps_ranks_bitwise_identical_close_to_float32_and_halves_the_bytes()
    {
        using var plainDirectory = new TempDirectory();
        using var compressedDirectory = new TempDirectory();

        var plain = await MpiProbe.Run(2, "train", plainDirectory.Path, "--epochs", "1", "--total-batch", "16");
        var compressed = await MpiProbe.Run(2, "train", compressedDirectory.Path, "--epochs", "1", "--total-batch", "16", "--bf16");

        plain.ExitCode.Should().Be(0, plain.Output);
        compressed.ExitCode.Should().Be(0, compressed.Output);
        float[] rank0 = DistributedTrainingTests.ReadFloats(compressedDirectory.Path, 0);
        DistributedTrainingTests.ReadFloats(compressedDirectory.Path, 1).Should().Equal(rank0, "every rank gets the same bfloat16 sum");
        float[] reference = DistributedTrainingTests.ReadFloats(plainDirectory.Path, 0);
        double difference = Math.Sqrt(reference.Zip(rank0, (a, b) => (double)(a - b) * (a - b)).Sum());
        double norm = Math.Sqrt(reference.Sum(a => (double)a * a));
        (difference / norm).Should().BeLessThan(CompressionTolerance, "bfloat16 keeps 8 significant bits of each gradient")
            .And.BeGreaterThan(0, "the gradients really travelled as bfloat16");

        foreach (int rank in new[] { 0, 1 })
        {
            var plainBytes = ReadBytes(plainDirectory.Path, rank);
            var compressedBytes = ReadBytes(compressedDirectory.Path, rank);
            plainBytes.Float32.Should().BeGreaterThan(0);
            plainBytes.BFloat16.Should().Be(0);
            compressedBytes.Float32.Should().Be(0, "no gradient travels as float32");
            compressedBytes.BFloat16.Should().Be(plainBytes.Float32 / 2, "each step moves half the gradient bytes");
        }
    }

    [DistributedFact]
    public async Task Distributed_sync_batch_norm_on_two_ranks_with_half_batches_equals_one_process_with_the_whole_batch()
    {
        using var one = new TempDirectory();
        using var synced = new TempDirectory();
        using var local = new TempDirectory();

        // Variant.CifarBatchNorm without dropout (classifier width 256 to keep the run short), 6 steps of 16 images.
        // The learning rate is small on purpose: at 0.05 this network's 8 batch-norm layers amplify rounding differences
        // (torch's float32 batch statistics against the synchronised float64 ones) to about 1e-2 within 6 steps, while 1
        // and 2 synchronised ranks still agree to 1e-7; at 5e-4 the runs agree to about 1e-7 and local statistics differ by 1e-2.
        string[] common = { "--epochs", "1", "--total-batch", "16", "--cifar-bn", "--width", "256", "--lr", "0.0005" };
        var single = await MpiProbe.Run(1, new[] { "train", one.Path }.Concat(common).ToArray());
        var pair = await MpiProbe.Run(2, new[] { "train", synced.Path, "--sync-bn" }.Concat(common).ToArray());
        var unsynced = await MpiProbe.Run(2, new[] { "train", local.Path }.Concat(common).ToArray());

        single.ExitCode.Should().Be(0, single.Output);
        pair.ExitCode.Should().Be(0, pair.Output);
        unsynced.ExitCode.Should().Be(0, unsynced.Output);
        var expected = ReadTensors(one.Path, 0);
        var actual = ReadTensors(synced.Path, 0);
        var other = ReadTensors(synced.Path, 1);
        actual.Select(t => t.Name).Should().Equal(expected.Select(t => t.Name), "the layers are hooked, not replaced: the same state-dict keys");
        for (int i = 0; i < expected.Length; i++)
        {
            other[i].Bytes.Should().Equal(actual[i].Bytes, $"both ranks hold the same {expected[i].Name}");
            if (expected[i].Type != "Float32")
            {
                actual[i].Bytes.Should().Equal(expected[i].Bytes, $"{expected[i].Name} counts the same batches");
            }
        }

        RelativeDifference(actual, expected, running: false).Should().BeLessThan(1e-5, "the weights equal the whole-batch run's");
        RelativeDifference(actual, expected, running: true).Should().BeLessThan(1e-5, "the running statistics equal the whole-batch run's");
        RelativeDifference(ReadTensors(local.Path, 0), expected, running: true).Should()
            .BeGreaterThan(1e-3, "without SyncBatchNorm each rank's statistics are its half batch's (the comparison can fail)");
    }

    private static (long Float32, long BFloat16) ReadBytes(string directory, int rank)
    {
        var parts = File.ReadAllText(Path.Combine(directory, $"bytes-rank{rank}.txt")).Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Each state-dict tensor of the weights file, named by the index file beside it.</summary>
    private static (string Name, string Type, byte[] Bytes)[] ReadTensors(string directory, int rank)
    {
        var bytes = File.ReadAllBytes(Path.Combine(directory, $"weights-rank{rank}.bin"));
        var entries = File.ReadAllLines(Path.Combine(directory, $"weights-rank{rank}.txt"));
        long offset = 0;
        return entries.Select(line =>
        {
            var parts = line.Split(' ');
            int length = int.Parse(parts[2], CultureInfo.InvariantCulture);
            var slice = bytes.AsSpan((int)offset, length).ToArray();
            offset += length;
            return (parts[0], parts[1], slice);
        }).ToArray();
    }

    /// <summary>The relative L2 difference of the float32 tensors, the running statistics or the others, all together.</summary>
    private static double RelativeDifference(
        (string Name, string Type, byte[] Bytes)[] actual, (string Name, string Type, byte[] Bytes)[] expected, bool running)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i].Type != "Float32" || expected[i].Name.Contains(".running_", StringComparison.Ordinal) != running)
            {
                continue;
            }

            var a = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(actual[i].Bytes);
            var e = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(expected[i].Bytes);
            for (int j = 0; j < e.Length; j++)
            {
                difference += (double)(a[j] - e[j]) * (a[j] - e[j]);
                norm += (double)e[j] * e[j];
            }
        }

        return Math.Sqrt(difference / norm);
    }
}
