using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;

namespace AlexNet.Data.Tests.Images;

/// <summary>What a folder with broken files does: fail naming the file, or skip and report with SkipUnreadable.</summary>
public sealed class UnreadableFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public UnreadableFilesTests()
    {
        string fixtures = Path.GetDirectoryName(RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", "palette.png")))!;
        Directory.CreateDirectory(_dir.File("a"));
        Directory.CreateDirectory(_dir.File("b"));
        foreach (string name in new[] { "palette.png", "rgba.png", "rgb16.png" })
        {
            File.Copy(Path.Combine(fixtures, name), Path.Combine(_dir.File("a"), name));
            File.Copy(Path.Combine(fixtures, name), Path.Combine(_dir.File("b"), "b-" + name));
        }

        File.WriteAllBytes(Path.Combine(_dir.File("a"), "zero.png"), Array.Empty<byte>());
        File.WriteAllText(Path.Combine(_dir.File("b"), "readme.jpg"), "not a picture");
        File.WriteAllText(Path.Combine(_dir.File("b"), "readme.txt"), "ignored: not an image extension");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Without_skipping_the_first_unreadable_file_stops_loading_with_its_name()
    {
        var dataset = ImageFolder.Scan(_dir.Path);

        dataset.Count.Should().Be(8, "readme.txt is not an image extension");
        var act = () => dataset.LoadIntoMemory(1 << 20);
        act.Should().Throw<ImageDecodeException>().Which.File.Should().EndWith("zero.png");
    }

    [Fact]
    public void Skipping_loads_the_readable_files_and_reports_how_many_and_which_were_left_out()
    {
        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
        using ImageDataset loaded = dataset.LoadIntoMemory(1 << 20);

        loaded.Count.Should().Be(6);
        loaded.Labels.data<long>().ToArray().Should().Equal(0, 0, 0, 1, 1, 1);
        dataset.Unreadable.Select(u => Path.GetFileName(u.Path)).Should().Equal("zero.png", "readme.jpg");
        dataset.Unreadable[0].Reason.Should().Be("the file is empty (0 bytes)");
        dataset.Unreadable[1].Reason.Should().StartWith("not an image");
    }

    [Fact]
    public void The_data_loader_over_the_folder_skips_unreadable_files_within_their_batches_and_reports_them()
    {
        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, Shuffle = false });

        var sizes = new List<long>();
        foreach (Batch batch in loader.GetBatches(0))
        {
            using (batch)
            {
                sizes.Add(batch.Images.shape[0]);
            }
        }

        sizes.Should().Equal(3, 3);
        dataset.Unreadable.Should().HaveCount(2);
    }

    [Fact]
    public void Images_of_different_sizes_without_a_crop_are_reported_with_the_fix()
    {
        File.Copy(RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", "cmyk.jpg")), Path.Combine(_dir.File("a"), "big.jpg"));
        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { Classes = new List<string> { "a" } });

        var act = () =>
        {
            using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, Shuffle = false });
            loader.GetBatch(0, 0).Dispose();
        };
        act.Should().Throw<ImageDecodeException>().WithMessage("*after decoding but the batch's images are 3 x 16 x 16*ShorterSide and CenterCrop*");
    }
}
