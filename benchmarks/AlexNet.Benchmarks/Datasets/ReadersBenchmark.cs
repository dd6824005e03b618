using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Data.Datasets;

namespace AlexNet.Benchmarks.Datasets;

/// <summary>
/// Dataset reader throughput: all of real Fashion-MNIST (gzip IDX, Debian package) and 50,000 CIFAR-10 records written
/// in the official binary format (folder and .tar.gz), next to the bare gzip decompression and file reading of the same
/// bytes, so the readers' own overhead is visible.
/// </summary>
public sealed class ReadersBenchmark : IBenchmarkSuite
{
    private const int CifarRecordLength = 3073;

    /// <inheritdoc />
    public string Name => "readers";

    /// <inheritdoc />
    public string Description => "Fashion-MNIST (gz) and CIFAR-10 (folder, tar.gz) readers: img/s and MB/s vs bare gzip/disk [--records N] [--repetitions N]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int records = SuiteArgs.Int(args, "--records", 50_000);
        int repetitions = SuiteArgs.Int(args, "--repetitions", 5);
        var rows = new List<IReadOnlyList<string>>();

        if (Directory.Exists(FashionMnist.DefaultDirectory))
        {
            AddFashionMnistRows(rows, repetitions);
        }
        else
        {
            output.WriteLine($"(skipping Fashion-MNIST: {FashionMnist.DefaultDirectory} not found; sudo apt-get install dataset-fashion-mnist)");
        }

        string temp = Path.Combine(Path.GetTempPath(), "alexnet-readers-benchmark-" + Guid.NewGuid().ToString("N"));
        try
        {
            AddCifarRows(rows, temp, records, repetitions);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        output.WriteLine();
        output.WriteLine(Measure.Table(["what", "images", "MB (content or pixels)", "median s", "img/s", "MB/s"], rows));
        return 0;
    }

    private static void AddFashionMnistRows(List<IReadOnlyList<string>> rows, int repetitions)
    {
        string[] files = Directory.GetFiles(FashionMnist.DefaultDirectory, "*-ubyte.gz").Order(StringComparer.Ordinal).ToArray(); // the four IDX files
        long contentBytes = files.Sum(f => GunzipLength(f));
        const long Images = 70_000;
        var unverified = new DatasetLoadOptions { VerifyChecksums = false };

        rows.Add(Row("Fashion-MNIST: gzip decompress only (4 files)", Images, contentBytes, Measure.MedianSeconds(() => Array.ForEach(files, f => GunzipLength(f)), 1, repetitions)));
        rows.Add(Row("Fashion-MNIST: FashionMnist.Load train+test, verified", Images, contentBytes, Measure.MedianSeconds(() => LoadFashion(null), 1, repetitions)));
        rows.Add(Row("Fashion-MNIST: FashionMnist.Load train+test, VerifyChecksums off", Images, contentBytes, Measure.MedianSeconds(() => LoadFashion(unverified), 1, repetitions)));
        using ImageDataset train = FashionMnist.Load(DatasetSplit.Train);
        rows.Add(Row("Fashion-MNIST: ChannelStats.Compute train", train.Count, train.Images.NumberOfElements, Measure.MedianSeconds(() => ChannelStats.Compute(train), 1, repetitions)));
    }

    private static void LoadFashion(DatasetLoadOptions? options)
    {
        FashionMnist.Load(DatasetSplit.Train, options).Dispose();
        FashionMnist.Load(DatasetSplit.Test, options).Dispose();
    }

    private static void AddCifarRows(List<IReadOnlyList<string>> rows, string temp, int records, int repetitions)
    {
        string folder = Path.Combine(temp, Cifar10.FolderName);
        Directory.CreateDirectory(folder);
        var random = new Random(2012);
        var members = new List<(string Name, byte[] Bytes)>();
        int perBatch = records / 5;
        for (int b = 1; b <= 5; b++)
        {
            members.Add(($"data_batch_{b}.bin", RandomRecords(random, perBatch)));
        }

        members.Add(("test_batch.bin", RandomRecords(random, 1)));
        members.Add(("batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"u8.ToArray()));
        foreach ((string name, byte[] bytes) in members)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        string archive = Path.Combine(temp, "cifar-10-binary.tar.gz");
        WriteArchive(archive, members);
        members.Clear();

        long images = 5L * perBatch;
        long contentBytes = images * CifarRecordLength;
        string[] batchFiles = Enumerable.Range(1, 5).Select(b => Path.Combine(folder, $"data_batch_{b}.bin")).ToArray();
        var unverified = new DatasetLoadOptions { VerifyChecksums = false };

        rows.Add(Row("CIFAR-10 folder: read files only (page cache)", images, contentBytes, Measure.MedianSeconds(() => Array.ForEach(batchFiles, f => File.ReadAllBytes(f)), 1, repetitions)));
        rows.Add(Row("CIFAR-10 folder: Cifar10.LoadFolder train", images, contentBytes, Measure.MedianSeconds(() => Cifar10.LoadFolder(folder, DatasetSplit.Train).Dispose(), 1, repetitions)));
        rows.Add(Row($"CIFAR-10 tar.gz ({new FileInfo(archive).Length / 1e6:N1} MB): gzip decompress only", images, contentBytes, Measure.MedianSeconds(() => GunzipLength(archive), 1, repetitions)));
        rows.Add(Row("CIFAR-10 tar.gz: gzip + TarReader walk, member data to a buffer", images, contentBytes, Measure.MedianSeconds(() => TarWalk(archive), 1, repetitions)));
        rows.Add(Row("CIFAR-10 tar.gz: Cifar10.LoadArchive train", images, contentBytes, Measure.MedianSeconds(() => Cifar10.LoadArchive(archive, DatasetSplit.Train, unverified).Dispose(), 1, repetitions)));
        rows.Add(Row("CIFAR-10 tar.gz: MD5 of the archive only", images, contentBytes, Measure.MedianSeconds(() => Md5(archive), 1, repetitions)));
        using ImageDataset train = Cifar10.LoadFolder(folder, DatasetSplit.Train);
        rows.Add(Row("CIFAR-10: ChannelStats.Compute train (3 channels)", train.Count, train.Images.NumberOfElements, Measure.MedianSeconds(() => ChannelStats.Compute(train), 1, repetitions)));
    }

    /// <summary>
    /// Records whose pixels look a little like photographs to deflate (a smooth gradient per channel plus noise), so
    /// the archive compresses to roughly what the real one does instead of being stored raw.
    /// </summary>
    private static byte[] RandomRecords(Random random, int count)
    {
        byte[] bytes = new byte[count * CifarRecordLength];
        for (int i = 0; i < count; i++)
        {
            int offset = i * CifarRecordLength;
            bytes[offset] = (byte)random.Next(10);
            for (int c = 0; c < 3; c++)
            {
                int baseValue = random.Next(256);
                int dx = random.Next(-4, 5);
                int dy = random.Next(-4, 5);
                for (int p = 0; p < 1024; p++)
                {
                    int value = baseValue + (dx * (p % 32)) + (dy * (p / 32)) + random.Next(-24, 25);
                    bytes[offset + 1 + (c * 1024) + p] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }

        return bytes;
    }

    private static void WriteArchive(string path, List<(string Name, byte[] Bytes)> members)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using var tar = new TarWriter(gzip, TarEntryFormat.Gnu);
        tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, Cifar10.FolderName + "/"));
        foreach ((string name, byte[] bytes) in members)
        {
            using var data = new MemoryStream(bytes);
            tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, $"{Cifar10.FolderName}/{name}") { DataStream = data });
        }
    }

    private static void TarWalk(string path)
    {
        using var gzip = new GZipStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        byte[] buffer = new byte[1 << 16];
        while (tar.GetNextEntry() is TarEntry entry)
        {
            if (entry.DataStream is Stream data)
            {
                while (data.Read(buffer) > 0)
                {
                }
            }
        }
    }

    private static long GunzipLength(string path)
    {
        using var gzip = new GZipStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20), CompressionMode.Decompress);
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = gzip.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static void Md5(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        System.Security.Cryptography.MD5.HashData(stream);
    }

    private static string[] Row(string what, long images, long bytes, double seconds) =>
    [
        what,
        images.ToString("N0", CultureInfo.InvariantCulture),
        (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture),
        seconds.ToString("N3", CultureInfo.InvariantCulture),
        Measure.Rate(images / seconds),
        Measure.Rate(bytes / 1e6 / seconds),
    ];
}
