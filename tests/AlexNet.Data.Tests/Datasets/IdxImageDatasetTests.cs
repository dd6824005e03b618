using System;
using System.IO;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>Fashion-MNIST and MNIST loading on small files written in the official layout.</summary>
public sealed class IdxImageDatasetTests : IDisposable
{
    private static readonly DatasetLoadOptions Unverified = new() { VerifyChecksums = false };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_split_is_read_into_n_x_1_x_h_x_w_images_and_int64_labels(bool gzip)
    {
        (byte[] images, byte[] labels, byte[] pixels, byte[] labelValues) = IdxFiles.RandomImageSet(seed: 1, count: 7, rows: 5, columns: 4, classes: 10);
        IdxFiles.WriteSplit(_temp.Path, "train", images, labels, gzip);

        using ImageDataset dataset = FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified);

        dataset.Images.shape.Should().Equal(7L, 1L, 5L, 4L);
        dataset.Images.data<byte>().ToArray().Should().Equal(pixels);
        dataset.Labels.data<long>().ToArray().Should().Equal(Array.ConvertAll(labelValues, v => (long)v));
    }

    [Fact]
    public void Mnist_reads_the_same_layout_with_digit_class_names()
    {
        (byte[] images, byte[] labels, _, _) = IdxFiles.RandomImageSet(seed: 2, count: 3, rows: 28, columns: 28, classes: 10);
        IdxFiles.WriteSplit(_temp.Path, "t10k", images, labels);

        using ImageDataset dataset = Mnist.Load(_temp.Path, DatasetSplit.Test, Unverified);

        dataset.Name.Should().Be("MNIST test");
        dataset.Classes.Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        dataset.Count.Should().Be(3);
    }

    [Fact]
    public void Files_that_are_not_the_published_ones_fail_verification_by_default()
    {
        (byte[] images, byte[] labels, _, _) = IdxFiles.RandomImageSet(seed: 3, count: 2, rows: 2, columns: 2, classes: 10);
        IdxFiles.WriteSplit(_temp.Path, "t10k", images, labels);

        var e = Assert.Throws<DatasetChecksumException>(() => Mnist.Load(_temp.Path, DatasetSplit.Test));

        e.File.Should().Be(_temp.File("t10k-labels-idx1-ubyte.gz"));
        e.Expected.Should().Be("MD5 ec29112dd5afa0611ce80d1b7f02629c of the file as published (t10k-labels-idx1-ubyte.gz)");
        e.Message.Should().Contain("VerifyChecksums = false");
    }

    [Fact]
    public void A_missing_fashion_mnist_directory_names_the_files_and_the_debian_package()
    {
        string missing = _temp.File("no-such-dir");

        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(missing, DatasetSplit.Train));

        e.Directory.Should().Be(missing);
        e.FilesLookedFor.Should().Equal("train-images-idx3-ubyte.gz (or train-images-idx3-ubyte)", "train-labels-idx1-ubyte.gz (or train-labels-idx1-ubyte)");
        e.Message.Should().Contain("sudo apt-get install dataset-fashion-mnist");
    }

    [Fact]
    public void A_missing_labels_file_alone_is_named()
    {
        (byte[] images, byte[] labels, _, _) = IdxFiles.RandomImageSet(seed: 4, count: 2, rows: 2, columns: 2, classes: 10);
        IdxFiles.WriteSplit(_temp.Path, "train", images, labels);
        File.Delete(_temp.File("train-labels-idx1-ubyte.gz"));

        Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified))
            .FilesLookedFor.Should().Equal("train-labels-idx1-ubyte.gz (or train-labels-idx1-ubyte)");
    }

    [Fact]
    public void A_label_out_of_range_is_reported_with_its_item_and_offset()
    {
        (byte[] images, byte[] labels, _, _) = IdxFiles.RandomImageSet(seed: 5, count: 6, rows: 2, columns: 2, classes: 10);
        labels[8 + 4] = 10;
        IdxFiles.WriteSplit(_temp.Path, "train", images, labels, gzip: false);

        var e = Assert.Throws<DatasetFormatException>(() => FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified));

        e.File.Should().Be(_temp.File("train-labels-idx1-ubyte"));
        e.Offset.Should().Be(12);
        e.Field.Should().Be("label of item 4");
        e.Expected.Should().Be("a class index in [0, 9]");
        e.Found.Should().Be("10");
    }

    [Fact]
    public void Labels_and_images_of_different_counts_are_rejected()
    {
        (byte[] images, _, _, _) = IdxFiles.RandomImageSet(seed: 6, count: 5, rows: 2, columns: 2, classes: 10);
        IdxFiles.WriteSplit(_temp.Path, "train", images, IdxFiles.UnsignedBytes([4], [1, 2, 3, 4]));

        var e = Assert.Throws<DatasetFormatException>(() => FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified));

        e.Expected.Should().Be("5 labels, one per image in train-images-idx3-ubyte.gz");
        e.Found.Should().Be("4 labels");
    }

    [Fact]
    public void An_images_file_of_another_type_or_rank_is_rejected_by_its_magic_number()
    {
        IdxFiles.WriteSplit(_temp.Path, "train", IdxFiles.Build(0x0D, [1, 1, 1], new byte[4]), IdxFiles.UnsignedBytes([1], [0]));

        var e = Assert.Throws<DatasetFormatException>(() => FashionMnist.Load(_temp.Path, DatasetSplit.Train, Unverified));

        e.Field.Should().Be("IDX magic number");
        e.Expected.Should().Be("0x00000803 (UnsignedByte, 3 dimensions)");
        e.Found.Should().Be("0x00000D03 (Float32, 3 dimensions)");
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_name_range_and_value()
    {
        var act = () => FashionMnist.Load(_temp.Path, DatasetSplit.Train, new DatasetLoadOptions { DownloadBaseUrl = "ftp://example/", DownloadTimeout = TimeSpan.Zero });

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().Equal(
                "DatasetLoadOptions.DownloadBaseUrl must be an absolute http or https address ending in '/' (or null for the official location); got 'ftp://example/'.",
                "DatasetLoadOptions.DownloadTimeout must lie in (00:00:00, 1.00:00:00]; got 00:00:00.");
    }
}
