using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>Reads the real Fashion-MNIST files (Debian re-compressed, verified by their content MD5s).</summary>
public sealed class FashionMnistTests : IClassFixture<FashionMnistData>
{
    private readonly FashionMnistData _data;

    public FashionMnistTests(FashionMnistData data) => _data = data;

    [Fact]
    public void The_training_set_has_60_000_images_of_1_x_28_x_28_as_uint8_with_int64_labels()
    {
        _data.Train.Images.shape.Should().Equal(60_000L, 1L, 28L, 28L);
        _data.Train.Images.dtype.Should().Be(ScalarType.Byte);
        _data.Train.Labels.shape.Should().Equal(60_000L);
        _data.Train.Labels.dtype.Should().Be(ScalarType.Int64);
        _data.Train.Name.Should().Be("Fashion-MNIST train");
    }

    [Fact]
    public void The_test_set_has_10_000_images_of_1_x_28_x_28()
    {
        _data.Test.Images.shape.Should().Equal(10_000L, 1L, 28L, 28L);
        _data.Test.Labels.shape.Should().Equal(10_000L);
        _data.Test.Name.Should().Be("Fashion-MNIST test");
    }

    [Fact]
    public void Every_class_has_6_000_training_and_1_000_test_images()
    {
        _data.Train.Labels.bincount(null, 10).data<long>().ToArray().Should().AllBeEquivalentTo(6_000L);
        _data.Test.Labels.bincount(null, 10).data<long>().ToArray().Should().AllBeEquivalentTo(1_000L);
    }

    [Fact]
    public void The_class_names_are_the_official_ones_in_label_order()
    {
        _data.Train.Classes.Should().Equal("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    }

    [Fact]
    public void The_first_and_last_labels_match_numpy()
    {
        // Pinned with /usr/bin/python3: numpy.frombuffer(gzip.open(f).read(), uint8, offset=8).
        _data.Train.Labels[..10].data<long>().ToArray().Should().Equal(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        _data.Train.Labels[^5..].data<long>().ToArray().Should().Equal(5, 1, 3, 0, 5);
        _data.Test.Labels[..10].data<long>().ToArray().Should().Equal(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        _data.Test.Labels[^5..].data<long>().ToArray().Should().Equal(9, 1, 8, 1, 5);
    }

    [Fact]
    public void Pinned_pixels_match_numpy()
    {
        // Pinned with /usr/bin/python3: numpy.frombuffer(gzip.open(f).read(), uint8, offset=16).reshape(-1, 28, 28).
        _data.Train.Images[0, 0, 10, 10..20].data<byte>().ToArray().Should().Equal(0, 0, 0, 193, 228, 218, 213, 198, 180, 212);
        _data.Train.Images[0, 0, 14, 14].item<byte>().Should().Be(217);
        _data.Train.Images[59_999, 0, 14, 14].item<byte>().Should().Be(0);
        _data.Test.Images[0, 0, 14, 14].item<byte>().Should().Be(110);
        _data.Test.Images[9_999, 0, 20, 10..14].data<byte>().ToArray().Should().Equal(57, 60, 64, 57);
    }

    [Fact]
    public void Pixel_sums_over_whole_splits_match_numpy()
    {
        _data.Train.Images.sum(ScalarType.Int64).item<long>().Should().Be(3_431_114_169L);
        _data.Test.Images.sum(ScalarType.Int64).item<long>().Should().Be(573_469_082L);
        _data.Train.Images[0].sum(ScalarType.Int64).item<long>().Should().Be(76_247L);
    }

    [Fact]
    public void Training_set_channel_statistics_are_mean_0_28604_and_std_0_35302()
    {
        ChannelStats stats = ChannelStats.Compute(_data.Train);

        stats.PixelsPerChannel.Should().Be(60_000L * 28 * 28);
        stats.Mean.Should().ContainSingle().Which.Should().BeApproximately(0.2860405969887955, 1e-12);
        stats.Std.Should().ContainSingle().Which.Should().BeApproximately(0.35302424451492237, 1e-12);
        Math.Round(stats.Mean[0], 5).Should().Be(0.28604);
        Math.Round(stats.Std[0], 5).Should().Be(0.35302);
    }

    [Fact]
    public void An_unpacked_copy_reads_the_same_and_verifies_by_its_content_checksum()
    {
        using var temp = new TempDirectory();
        foreach (string name in new[] { "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            using var gzip = new GZipStream(File.OpenRead(Path.Combine(FashionMnist.DefaultDirectory, name + ".gz")), CompressionMode.Decompress);
            using var raw = File.Create(temp.File(name));
            gzip.CopyTo(raw);
        }

        using ImageDataset unpacked = FashionMnist.Load(temp.Path, DatasetSplit.Test);

        unpacked.Images.eq(_data.Test.Images).all().item<bool>().Should().BeTrue();
        unpacked.Labels.eq(_data.Test.Labels).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void A_corrupted_copy_of_a_real_file_fails_its_checksum_naming_both_accepted_sums()
    {
        using var temp = new TempDirectory();
        byte[] labels = DecompressedRealFile("t10k-labels-idx1-ubyte.gz");
        labels[100] = (byte)((labels[100] + 1) % 10); // still a valid label: only the checksum can tell
        File.WriteAllBytes(temp.File("t10k-labels-idx1-ubyte.gz"), IdxFiles.Gzip(labels));
        File.Copy(Path.Combine(FashionMnist.DefaultDirectory, "t10k-images-idx3-ubyte.gz"), temp.File("t10k-images-idx3-ubyte.gz"));

        var e = Assert.Throws<DatasetChecksumException>(() => FashionMnist.Load(temp.Path, DatasetSplit.Test));

        e.File.Should().Be(temp.File("t10k-labels-idx1-ubyte.gz"));
        e.Expected.Should().Be("MD5 15d484375f8d13e6eb1aabb0c3f46965 of the decompressed content or MD5 bb300cfdad3c16e7a12a480ee83cd310 of the file as published (t10k-labels-idx1-ubyte.gz)");
        e.Actual.Should().StartWith("MD5 ").And.NotContain("15d484375f8d13e6eb1aabb0c3f46965");
    }

    [Fact]
    public void The_published_checksums_are_those_of_the_figures_file()
    {
        FashionMnist.Files.Select(f => (f.FileName, f.FileMd5, f.ContentMd5)).Should().Equal(
            ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
            ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
            ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"));
    }

    internal static byte[] DecompressedRealFile(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(FashionMnist.DefaultDirectory, name)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
