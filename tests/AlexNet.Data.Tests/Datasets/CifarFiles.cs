using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>Writes CIFAR binary record files, folders and .tar.gz archives in the official layout, with seeded random content.</summary>
public static class CifarFiles
{
    public const int PixelBytes = 3072;

    /// <summary>Entry times are fixed so that the same members always make the same archive bytes.</summary>
    private static readonly DateTimeOffset FixedTime = new(2009, 4, 8, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> records of <paramref name="labelBytes"/> label bytes (each below its class count) and random pixels.</summary>
    public static byte[] RandomRecords(int seed, int count, params int[] classCounts)
    {
        var random = new Random(seed);
        int recordLength = classCounts.Length + PixelBytes;
        byte[] records = new byte[count * recordLength];
        random.NextBytes(records);
        for (int i = 0; i < count; i++)
        {
            for (int b = 0; b < classCounts.Length; b++)
            {
                records[(i * recordLength) + b] = (byte)random.Next(classCounts[b]);
            }
        }

        return records;
    }

    /// <summary>A CIFAR-10 folder with train batches 1..5 (<paramref name="perBatch"/> records each), a test batch and the class names.</summary>
    public static Dictionary<string, byte[]> Cifar10Members(int seed, int perBatch, int testCount)
    {
        var members = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 1; i <= 5; i++)
        {
            members[$"data_batch_{i}.bin"] = RandomRecords(seed + i, perBatch, 10);
        }

        members["test_batch.bin"] = RandomRecords(seed + 100, testCount, 10);
        members["batches.meta.txt"] = Encoding.ASCII.GetBytes("airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        return members;
    }

    public static string WriteFolder(string directory, string folderName, IReadOnlyDictionary<string, byte[]> members)
    {
        string folder = Path.Combine(directory, folderName);
        Directory.CreateDirectory(folder);
        foreach ((string name, byte[] bytes) in members)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        return folder;
    }

    /// <summary>A .tar.gz holding <paramref name="folderName"/>/ and each member, in the order given.</summary>
    public static byte[] Archive(string folderName, IEnumerable<KeyValuePair<string, byte[]>> members)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, folderName + "/") { ModificationTime = FixedTime });
            foreach ((string name, byte[] bytes) in members)
            {
                var entry = new GnuTarEntry(TarEntryType.RegularFile, $"{folderName}/{name}") { DataStream = new MemoryStream(bytes), ModificationTime = FixedTime };
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    /// <summary>The images (N x 3 x 32 x 32 bytes) and chosen labels of concatenated record files, extracted byte by byte.</summary>
    public static (byte[] Pixels, long[] Labels) Expected(int labelBytes, int labelIndex, params byte[][] files)
    {
        var pixels = new List<byte>();
        var labels = new List<long>();
        int recordLength = labelBytes + PixelBytes;
        foreach (byte[] file in files)
        {
            for (int offset = 0; offset < file.Length; offset += recordLength)
            {
                labels.Add(file[offset + labelIndex]);
                for (int p = 0; p < PixelBytes; p++)
                {
                    pixels.Add(file[offset + labelBytes + p]);
                }
            }
        }

        return (pixels.ToArray(), labels.ToArray());
    }
}
