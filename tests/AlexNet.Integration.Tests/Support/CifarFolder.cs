using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;

namespace AlexNet.Integration.Tests.Support;

/// <summary>Writes a small CIFAR-10 folder in the official binary layout (1 label byte + 3,072 pixel bytes per record).</summary>
internal static class CifarFolder
{
    public const int RecordLength = 1 + 3072;

    /// <summary>
    /// cifar-10-batches-bin/ under <paramref name="directory"/>: data_batch_1..5.bin with <paramref name="perClassPerBatch"/>
    /// records of each class, test_batch.bin with <paramref name="perClassTest"/> of each, random pixels.
    /// </summary>
    public static string Write(string directory, int perClassPerBatch, int perClassTest, int seed = 1)
    {
        string folder = Path.Combine(directory, "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (int batch = 1; batch <= 5; batch++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{batch}.bin"), Records(random, perClassPerBatch));
        }

        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Records(random, perClassTest));
        return folder;
    }

    /// <summary>The folder of <see cref="Write"/> packed as cifar-10-binary.tar.gz in <paramref name="directory"/>.</summary>
    public static string WriteArchive(string directory, int perClassPerBatch, int perClassTest)
    {
        string staging = Path.Combine(directory, "staging");
        Write(staging, perClassPerBatch, perClassTest);
        string archive = Path.Combine(directory, "cifar-10-binary.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);
        }

        Directory.Delete(staging, recursive: true);
        return archive;
    }

    private static byte[] Records(Random random, int perClass)
    {
        byte[] bytes = new byte[10 * perClass * RecordLength];
        random.NextBytes(bytes);
        for (int i = 0; i < 10 * perClass; i++)
        {
            bytes[i * RecordLength] = (byte)(i % 10);
        }

        return bytes;
    }
}
