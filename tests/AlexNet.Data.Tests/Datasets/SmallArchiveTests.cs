using System;
using System.IO;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>
/// A file of about a megabyte that expands to about 900 MB is refused from its headers and the dataset's known sizes,
/// before anything is allocated or decompressed beyond the header; peak memory stays bounded.
/// </summary>
[Collection(MemoryMeasuringCollection.Name)]
public sealed class SmallArchiveTests : IDisposable
{
    /// <summary>Records of 3,073 bytes: 300,000 of them are 921,900,000 bytes, six times the whole CIFAR-10 test split.</summary>
    private const long BombRecords = 300_000;

    /// <summary>Far below the ~900 MB the files expand to; covers the runtime's own noise.</summary>
    private const long Bound = 150L << 20;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_small_cifar_archive_declaring_a_huge_member_is_refused_before_allocating_without_checksums()
    {
        string archive = _temp.File(Cifar10.Archive.FileName);
        ExpandingArchives.WriteTarGz(archive, "cifar-10-batches-bin/test_batch.bin", BombRecords * Cifar10.RecordLength);
        new FileInfo(archive).Length.Should().BeLessThan(2L << 20, "the attack is a small file");
        Exception? thrown = null;

        var (peak, managed) = MemoryBound.Measure(() => thrown = Record.Exception(() => Cifar10.LoadArchive(archive, DatasetSplit.Test, new DatasetLoadOptions { VerifyChecksums = false })));

        peak.Should().BeLessThan(Bound, "the peak resident memory must stay bounded (the file expands to ~900 MB)");
        managed.Should().BeLessThan(Bound);
        thrown.Should().BeOfType<DatasetFormatException>().Which.Message.Should().Contain("at most 10,000 more records").And.Contain("300,000 records");
    }

    [Fact]
    public void A_small_cifar_archive_is_refused_by_its_length_and_checksum_before_decompressing()
    {
        string archive = _temp.File(Cifar10.Archive.FileName);
        ExpandingArchives.WriteTarGz(archive, "cifar-10-batches-bin/test_batch.bin", BombRecords * Cifar10.RecordLength);
        Exception? thrown = null;

        var (peak, managed) = MemoryBound.Measure(() => thrown = Record.Exception(() => Cifar10.LoadArchive(archive, DatasetSplit.Test)));

        peak.Should().BeLessThan(Bound, "the peak resident memory must stay bounded (the file expands to ~900 MB)");
        managed.Should().BeLessThan(Bound);
        thrown.Should().BeOfType<DatasetChecksumException>().Which.Message.Should().Contain("not the published 170,052,171 (checked before reading its content)");
    }

    [Fact]
    public void An_idx_images_file_declaring_more_images_than_labels_is_refused_before_allocating()
    {
        byte[] labels = Datasets.IdxFiles.Gzip(Datasets.IdxFiles.UnsignedBytes([3], [1, 2, 3]));
        File.WriteAllBytes(_temp.File("train-labels-idx1-ubyte.gz"), labels);
        ExpandingArchives.WriteIdxGz(_temp.File("train-images-idx3-ubyte.gz"), 1_200_000, 28, 28);
        Exception? thrown = null;

        var (peak, managed) = MemoryBound.Measure(() => thrown = Record.Exception(() => FashionMnist.Load(_temp.Path, DatasetSplit.Train, new DatasetLoadOptions { VerifyChecksums = false })));

        peak.Should().BeLessThan(Bound, "the peak resident memory must stay bounded (the file expands to ~900 MB)");
        managed.Should().BeLessThan(Bound);
        thrown.Should().BeOfType<DatasetFormatException>().Which.Message.Should().Contain("expected 1,200,000 labels, one per image in train-images-idx3-ubyte.gz; found 3 labels");
    }

    [Fact]
    public void An_idx_labels_file_declaring_more_labels_than_the_split_has_is_refused_before_allocating()
    {
        ExpandingArchives.WriteIdxGz(_temp.File("t10k-labels-idx1-ubyte.gz"), 900_000_000);
        File.WriteAllBytes(_temp.File("t10k-images-idx3-ubyte.gz"), Datasets.IdxFiles.Gzip(Datasets.IdxFiles.UnsignedBytes([1, 2, 2], [0, 0, 0, 0])));
        Exception? thrown = null;

        var (peak, managed) = MemoryBound.Measure(() => thrown = Record.Exception(() => Mnist.Load(_temp.Path, DatasetSplit.Test, new DatasetLoadOptions { VerifyChecksums = false })));

        peak.Should().BeLessThan(Bound, "the peak resident memory must stay bounded (the file expands to ~900 MB)");
        managed.Should().BeLessThan(Bound);
        thrown.Should().BeOfType<DatasetFormatException>().Which.Message.Should().Contain("MNIST has 10,000 test items");
    }
}
