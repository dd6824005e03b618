using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Data.Datasets;
using Xunit.Abstractions;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>
/// Random and mutated bytes (bit flips, truncations, extensions, header edits) into every reader: either the input is
/// read, or one of the library's <see cref="DatasetException"/>s comes out; never another exception type, never a hang.
/// Seeded and bounded.
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int CasesPerReader = 250;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);
    private static readonly DatasetLoadOptions Unverified = new() { VerifyChecksums = false };
    private readonly TempDirectory _temp = new();
    private readonly ITestOutputHelper _output;

    public ReaderFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_idx_reader_survives_mutated_raw_files()
    {
        byte[] valid = IdxFiles.RandomImageSet(seed: 1, count: 3, rows: 4, columns: 5, classes: 10).Images;
        string path = _temp.File("fuzz.idx");

        Run(seed: 101, valid, mutated => { File.WriteAllBytes(path, mutated); IdxReader.Read(path).Dispose(); });
    }

    [Fact]
    public void The_idx_reader_survives_mutated_gzip_files_and_mutated_content_inside_valid_gzip()
    {
        byte[] content = IdxFiles.Build(0x0B, [3, 7], Enumerable.Range(0, 42).Select(i => (byte)i).ToArray());
        string path = _temp.File("fuzz.idx.gz");

        Run(seed: 102, IdxFiles.Gzip(content), mutated => { File.WriteAllBytes(path, mutated); IdxReader.Read(path).Dispose(); });
        Run(seed: 103, content, mutated => { File.WriteAllBytes(path, IdxFiles.Gzip(mutated)); IdxReader.Read(path).Dispose(); });
    }

    [Fact]
    public void The_idx_image_dataset_reader_survives_mutated_images_and_labels_files()
    {
        (byte[] images, byte[] labels, _, _) = IdxFiles.RandomImageSet(seed: 2, count: 4, rows: 3, columns: 3, classes: 10);
        IdxFiles.WriteSplit(_temp.Path, "train", images, labels, gzip: false);
        string imagesPath = _temp.File("train-images-idx3-ubyte");
        string labelsPath = _temp.File("train-labels-idx1-ubyte");

        Run(seed: 104, labels, mutated =>
        {
            File.WriteAllBytes(labelsPath, mutated);
            FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified).Dispose();
        });
        File.WriteAllBytes(labelsPath, labels);
        Run(seed: 105, images, mutated =>
        {
            File.WriteAllBytes(imagesPath, mutated);
            FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified).Dispose();
        });
    }

    [Fact]
    public void The_cifar_folder_reader_survives_mutated_record_and_names_files()
    {
        Dictionary<string, byte[]> members = CifarFiles.Cifar10Members(seed: 3, perBatch: 1, testCount: 3);
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, members);

        Run(seed: 106, members["test_batch.bin"], mutated =>
        {
            File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), mutated);
            Cifar10.LoadFolder(folder, DatasetSplit.Test).Dispose();
        });
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), members["test_batch.bin"]);
        Run(seed: 107, members["batches.meta.txt"], mutated =>
        {
            File.WriteAllBytes(Path.Combine(folder, "batches.meta.txt"), mutated);
            Cifar10.LoadFolder(folder, DatasetSplit.Test).Dispose();
        });
    }

    [Fact]
    public void The_cifar_archive_reader_survives_mutated_gzip_and_mutated_tar_content()
    {
        byte[] archive = CifarFiles.Archive(Cifar10.FolderName, CifarFiles.Cifar10Members(seed: 4, perBatch: 1, testCount: 1));
        byte[] tar = Gunzip(archive);
        string path = _temp.File("cifar-10-binary.tar.gz");

        Run(seed: 108, archive, mutated =>
        {
            File.WriteAllBytes(path, mutated);
            Cifar10.LoadArchive(path, DatasetSplit.Train, Unverified).Dispose();
        });
        Run(seed: 109, tar, mutated =>
        {
            File.WriteAllBytes(path, IdxFiles.Gzip(mutated));
            Cifar10.LoadArchive(path, DatasetSplit.Train, Unverified).Dispose();
        });
        // With checksums on, the archive's MD5 is checked before anything is decompressed: every mutation stops there.
        Run(seed: 110, tar, mutated =>
        {
            File.WriteAllBytes(path, IdxFiles.Gzip(mutated));
            Cifar10.LoadArchive(path, DatasetSplit.Test).Dispose();
        }, mustReach: nameof(DatasetChecksumException));
    }

    /// <summary>Feeds <see cref="CasesPerReader"/> mutations of <paramref name="valid"/> to <paramref name="read"/>.</summary>
    private void Run(int seed, byte[] valid, Action<byte[]> read, string mustReach = nameof(DatasetFormatException))
    {
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (int i = 0; i < CasesPerReader; i++)
        {
            (string mutation, byte[] input) = Mutate(random, valid);
            Task<string> attempt = Task.Run(() =>
            {
                try
                {
                    read(input);
                    return "read";
                }
                catch (DatasetException e)
                {
                    return e.GetType().Name;
                }
            });

            string outcome;
            try
            {
                outcome = attempt.Wait(HangLimit) ? attempt.Result : "HANG";
            }
            catch (AggregateException e)
            {
                outcome = e.InnerException!.GetType().FullName!;
                failures.Add($"case {i} ({mutation}): {e.InnerException}");
            }

            if (outcome == "HANG")
            {
                failures.Add($"case {i} ({mutation}): no answer within {HangLimit}");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        _output.WriteLine($"seed {seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        failures.Should().BeEmpty();
        outcomes.Should().ContainKey(mustReach, "mutations must reach the {0} checks", mustReach);
    }

    private static (string Mutation, byte[] Input) Mutate(Random random, byte[] valid)
    {
        byte[] bytes = valid.ToArray();
        switch (random.Next(6))
        {
            case 0:
                byte[] noise = new byte[random.Next(0, 3000)];
                random.NextBytes(noise);
                return ("random bytes", noise);
            case 1:
                int flips = random.Next(1, 9);
                for (int f = 0; f < flips && bytes.Length > 0; f++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return ($"{flips} bit flips", bytes);
            case 2:
                int keep = random.Next(bytes.Length);
                return ($"truncated to {keep}", bytes[..keep]);
            case 3:
                byte[] extra = new byte[random.Next(1, 5000)];
                random.NextBytes(extra);
                return ($"extended by {extra.Length}", [.. bytes, .. extra]);
            case 4:
                // Header edit: a 32-bit field near the start set to a random or extreme value.
                int at = random.Next(0, Math.Max(1, Math.Min(bytes.Length - 3, 600)));
                uint[] extremes = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, (uint)random.Next()];
                uint value = extremes[random.Next(extremes.Length)];
                if (bytes.Length >= at + 4)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
                }

                return ($"field at {at} = 0x{value:X8}", bytes);
            default:
                int position = random.Next(Math.Max(1, bytes.Length));
                if (bytes.Length > 0)
                {
                    bytes[position] = (byte)random.Next(256);
                }

                return ($"byte {position} replaced", bytes);
        }
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
