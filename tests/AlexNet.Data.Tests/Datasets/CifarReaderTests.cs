using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>CIFAR-10 and CIFAR-100 on files written in the official binary layout (real CIFAR is not installed here).</summary>
public sealed class CifarReaderTests : IDisposable
{
    private const int PerBatch = 13;
    private const int TestCount = 9;
    private static readonly DatasetLoadOptions Unverified = new() { VerifyChecksums = false };
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, byte[]> _members = CifarFiles.Cifar10Members(seed: 42, PerBatch, TestCount);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_train_split_of_the_folder_is_batches_1_to_5_in_order_with_planes_as_channels()
    {
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);
        (byte[] pixels, long[] labels) = ExpectedTrain();

        using ImageDataset train = Cifar10.LoadFolder(folder, DatasetSplit.Train);

        train.Images.shape.Should().Equal(5L * PerBatch, 3L, 32L, 32L);
        train.Images.dtype.Should().Be(ScalarType.Byte);
        train.Images.data<byte>().ToArray().Should().Equal(pixels);
        train.Labels.data<long>().ToArray().Should().Equal(labels);
        train.Classes.Should().Equal(Cifar10.Classes);
        train.Name.Should().Be("CIFAR-10 train");
    }

    [Fact]
    public void A_pixel_lands_at_its_plane_row_and_column()
    {
        byte[] record = new byte[Cifar10.RecordLength];
        record[0] = 7;
        record[1 + (2 * 1024) + (5 * 32) + 9] = 200; // blue plane, row 5, column 9
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, new Dictionary<string, byte[]> { ["test_batch.bin"] = record });

        using ImageDataset test = Cifar10.LoadFolder(folder, DatasetSplit.Test);

        test.Images[0, 2, 5, 9].item<byte>().Should().Be(200);
        test.Images.sum(ScalarType.Int64).item<long>().Should().Be(200);
        test.Labels.data<long>().ToArray().Should().Equal(7L);
    }

    [Fact]
    public void The_archive_reads_the_same_as_the_folder_for_both_splits()
    {
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);
        string archive = WriteArchive(_members);

        foreach (DatasetSplit split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            using ImageDataset fromFolder = Cifar10.LoadFolder(folder, split);
            using ImageDataset fromArchive = Cifar10.LoadArchive(archive, split, Unverified);

            fromArchive.Images.shape.Should().Equal(fromFolder.Images.shape);
            fromArchive.Images.eq(fromFolder.Images).all().item<bool>().Should().BeTrue();
            fromArchive.Labels.data<long>().ToArray().Should().Equal(fromFolder.Labels.data<long>().ToArray());
        }
    }

    [Fact]
    public void Archive_members_in_any_order_are_put_back_in_batch_order()
    {
        string archive = WriteArchive(_members.Reverse());
        (byte[] pixels, long[] labels) = ExpectedTrain();

        using ImageDataset train = Cifar10.LoadArchive(archive, DatasetSplit.Train, Unverified);

        train.Images.data<byte>().ToArray().Should().Equal(pixels);
        train.Labels.data<long>().ToArray().Should().Equal(labels);
    }

    [Fact]
    public void Class_names_come_from_batches_meta_txt_when_present()
    {
        _members["batches.meta.txt"] = Encoding.ASCII.GetBytes("a0\na1\na2\na3\na4\na5\na6\na7\na8\na9\n\n");
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);
        string archive = WriteArchive(_members);

        using ImageDataset fromFolder = Cifar10.LoadFolder(folder, DatasetSplit.Test);
        using ImageDataset fromArchive = Cifar10.LoadArchive(archive, DatasetSplit.Test, Unverified);

        fromFolder.Classes.Should().Equal("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        fromArchive.Classes.Should().Equal(fromFolder.Classes);
    }

    [Fact]
    public void Load_finds_the_folder_or_the_archive_inside_a_directory_or_takes_either_directly()
    {
        using (var withFolder = new TempDirectory())
        {
            string folder = CifarFiles.WriteFolder(withFolder.Path, Cifar10.FolderName, _members);
            using ImageDataset a = Cifar10.Load(withFolder.Path, DatasetSplit.Test);
            using ImageDataset b = Cifar10.Load(folder, DatasetSplit.Test);
            a.Count.Should().Be(TestCount);
            b.Count.Should().Be(TestCount);
        }

        string archive = WriteArchive(_members);
        using ImageDataset c = Cifar10.Load(_temp.Path, DatasetSplit.Test, Unverified);
        using ImageDataset d = Cifar10.Load(archive, DatasetSplit.Test, Unverified);
        c.Count.Should().Be(TestCount);
        d.Count.Should().Be(TestCount);
    }

    [Fact]
    public void An_archive_that_is_not_the_official_one_fails_its_checksum_by_default()
    {
        string archive = WriteArchive(_members);

        var e = Assert.Throws<DatasetChecksumException>(() => Cifar10.LoadArchive(archive, DatasetSplit.Test));

        e.File.Should().Be(archive);
        e.Expected.Should().Be("MD5 c32a1d4ab5d03f1284b67883e8d87530 of the file as published (cifar-10-binary.tar.gz)");
        // The published length is checked first, before the MD5 and before anything is decompressed.
        e.Actual.Should().Be(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a file of {new FileInfo(archive).Length:N0} bytes, not the published 170,052,171 (checked before reading its content)"));
    }

    [Fact]
    public void Nothing_found_names_the_folder_and_archive_looked_for_and_how_to_get_them()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => Cifar10.Load(_temp.Path, DatasetSplit.Train));

        e.Directory.Should().Be(_temp.Path);
        e.FilesLookedFor.Should().Equal("cifar-10-batches-bin/", "cifar-10-binary.tar.gz");
        e.HowToGet.Should().Be("Download https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (it is read as it is, without unpacking), or call Cifar10.DownloadAsync(directory), or set DatasetLoadOptions.Download = true.");
    }

    [Fact]
    public void A_missing_batch_file_in_the_folder_is_named()
    {
        _members.Remove("data_batch_3.bin");
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);

        var e = Assert.Throws<DatasetNotFoundException>(() => Cifar10.LoadFolder(folder, DatasetSplit.Train));

        e.Directory.Should().Be(folder);
        e.FilesLookedFor.Should().Equal("data_batch_3.bin");
    }

    [Fact]
    public void A_truncated_record_in_a_batch_file_is_reported_with_the_record_offset()
    {
        _members["data_batch_2.bin"] = _members["data_batch_2.bin"][..^100];
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);
        string path = Path.Combine(folder, "data_batch_2.bin");

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadFolder(folder, DatasetSplit.Train));

        e.File.Should().Be(path);
        e.Offset.Should().Be(12 * 3073);
        e.Field.Should().Be("length");
        e.Expected.Should().Be("a positive multiple of 3,073 bytes (1 label byte(s) + 3,072 pixel bytes per record, at most 699,050 records)");
        e.Found.Should().Be("39,849 bytes (12 whole records and 2,973 bytes more)");
    }

    [Fact]
    public void A_truncated_archive_member_is_reported_as_a_truncated_record()
    {
        byte[] archive = CifarFiles.Archive(Cifar10.FolderName, _members);
        string path = _temp.File("cifar-10-binary.tar.gz");
        File.WriteAllBytes(path, TruncatedGzip(archive, keepContentBytes: 512 + 512 + 3073 + 1000));

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadArchive(path, DatasetSplit.Train, Unverified));

        e.File.Should().Be($"{path} (member cifar-10-batches-bin/data_batch_1.bin)");
        e.Field.Should().Be("record 1");
        e.Offset.Should().Be(3073);
        e.Found.Should().Be("the data ends after 1,000 of them (truncated record)");
    }

    [Fact]
    public void A_label_out_of_range_is_reported_with_its_record_and_offset()
    {
        _members["test_batch.bin"][5 * 3073] = 10;
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadFolder(folder, DatasetSplit.Test));

        e.File.Should().Be(Path.Combine(folder, "test_batch.bin"));
        e.Offset.Should().Be(5 * 3073);
        e.Field.Should().Be("label of record 5");
        e.Expected.Should().Be("a class index in [0, 9]");
        e.Found.Should().Be("10");
    }

    [Fact]
    public void A_tar_without_the_expected_members_names_what_is_missing_and_what_it_holds()
    {
        _members.Remove("data_batch_4.bin");
        string archive = WriteArchive(_members);

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadArchive(archive, DatasetSplit.Train, Unverified));

        e.File.Should().Be(archive);
        e.Field.Should().Be("archive members");
        e.Expected.Should().Be("the members cifar-10-batches-bin/data_batch_1.bin, cifar-10-batches-bin/data_batch_2.bin, cifar-10-batches-bin/data_batch_3.bin, cifar-10-batches-bin/data_batch_4.bin, cifar-10-batches-bin/data_batch_5.bin");
        e.Found.Should().StartWith("no cifar-10-batches-bin/data_batch_4.bin among 7 members (cifar-10-batches-bin/, cifar-10-batches-bin/data_batch_1.bin");
    }

    [Fact]
    public void Corrupt_gzip_data_in_the_archive_is_reported_with_the_archive()
    {
        byte[] archive = CifarFiles.Archive(Cifar10.FolderName, _members);
        archive[archive.Length / 2] ^= 0xFF;
        archive[(archive.Length / 2) + 1] ^= 0xFF;
        string path = _temp.File("cifar-10-binary.tar.gz");
        File.WriteAllBytes(path, archive);

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadArchive(path, DatasetSplit.Test, Unverified));

        e.File.Should().Be(path);
    }

    [Theory]
    [InlineData(DatasetSplit.Train)]
    [InlineData(DatasetSplit.Test)]
    public void A_wrong_gzip_crc_is_caught_even_without_checksum_verification_with_the_runtime_error_inside(DatasetSplit split)
    {
        byte[] archive = CifarFiles.Archive(Cifar10.FolderName, _members);
        archive[^8] ^= 0xFF; // the CRC-32 of the content: every member reads fine, only the trailer can tell
        string path = _temp.File("cifar-10-binary.tar.gz");
        File.WriteAllBytes(path, archive);

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadArchive(path, split, Unverified));

        e.File.Should().Be(path);
        e.Field.Should().Be("gzip stream");
        e.Expected.Should().Be("valid gzip (deflate) data");
        e.InnerException.Should().BeOfType<InvalidDataException>();
    }

    [Fact]
    public void A_names_file_with_the_wrong_number_of_classes_is_rejected()
    {
        _members["batches.meta.txt"] = Encoding.ASCII.GetBytes("cat\ndog\n");
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar10.FolderName, _members);

        var e = Assert.Throws<DatasetFormatException>(() => Cifar10.LoadFolder(folder, DatasetSplit.Test));

        e.File.Should().Be(Path.Combine(folder, "batches.meta.txt"));
        e.Expected.Should().Be("10 names, one per line");
        e.Found.Should().Be("2 non-empty lines");
    }

    [Theory]
    [InlineData(Cifar100LabelKind.Fine, 1, 100)]
    [InlineData(Cifar100LabelKind.Coarse, 0, 20)]
    public void Cifar100_returns_the_chosen_label_byte_with_its_class_names(Cifar100LabelKind kind, int labelIndex, int classCount)
    {
        var members = new Dictionary<string, byte[]>
        {
            ["train.bin"] = CifarFiles.RandomRecords(7, 11, 20, 100),
            ["test.bin"] = CifarFiles.RandomRecords(8, 4, 20, 100),
        };
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar100.FolderName, members);
        string archive = _temp.File("cifar-100-binary.tar.gz");
        File.WriteAllBytes(archive, CifarFiles.Archive(Cifar100.FolderName, members));
        (byte[] pixels, long[] labels) = CifarFiles.Expected(2, labelIndex, members["train.bin"]);

        using ImageDataset fromFolder = Cifar100.LoadFolder(folder, DatasetSplit.Train, kind);
        using ImageDataset fromArchive = Cifar100.LoadArchive(archive, DatasetSplit.Train, kind, Unverified);

        fromFolder.Images.data<byte>().ToArray().Should().Equal(pixels);
        fromFolder.Labels.data<long>().ToArray().Should().Equal(labels);
        fromFolder.Classes.Should().HaveCount(classCount).And.Equal(Cifar100.ClassesOf(kind));
        fromArchive.Images.data<byte>().ToArray().Should().Equal(pixels);
        fromArchive.Labels.data<long>().ToArray().Should().Equal(labels);
        fromFolder.Name.Should().Be("CIFAR-100 train");
    }

    [Fact]
    public void Cifar100_checks_both_label_bytes_whichever_is_returned()
    {
        byte[] records = CifarFiles.RandomRecords(9, 3, 20, 100);
        records[(2 * 3074) + 0] = 20; // coarse label of record 2
        string folder = CifarFiles.WriteFolder(_temp.Path, Cifar100.FolderName, new Dictionary<string, byte[]> { ["test.bin"] = records });

        var e = Assert.Throws<DatasetFormatException>(() => Cifar100.LoadFolder(folder, DatasetSplit.Test, Cifar100LabelKind.Fine));

        e.Field.Should().Be("coarse label of record 2");
        e.Offset.Should().Be(2 * 3074);
        e.Expected.Should().Be("a class index in [0, 19]");
    }

    [Fact]
    public void Cifar100_class_name_lists_have_20_coarse_and_100_fine_names()
    {
        Cifar100.ClassesOf(Cifar100LabelKind.Coarse).Should().HaveCount(20).And.OnlyHaveUniqueItems();
        Cifar100.ClassesOf(Cifar100LabelKind.Fine).Should().HaveCount(100).And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        Cifar100.Archive.FileMd5.Should().Be("03b5dce01913d631647c71ecec9e9cb8");
    }

    private (byte[] Pixels, long[] Labels) ExpectedTrain() =>
        CifarFiles.Expected(1, 0, Enumerable.Range(1, 5).Select(i => _members[$"data_batch_{i}.bin"]).ToArray());

    private string WriteArchive(IEnumerable<KeyValuePair<string, byte[]>> members)
    {
        string path = _temp.File("cifar-10-binary.tar.gz");
        File.WriteAllBytes(path, CifarFiles.Archive(Cifar10.FolderName, members));
        return path;
    }

    /// <summary>A gzip file holding only the first <paramref name="keepContentBytes"/> bytes of the archive's tar content.</summary>
    private static byte[] TruncatedGzip(byte[] archive, int keepContentBytes)
    {
        using var input = new System.IO.Compression.GZipStream(new MemoryStream(archive), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new MemoryStream();
        input.CopyTo(tar);
        return IdxFiles.Gzip(tar.ToArray()[..keepContentBytes]);
    }
}
