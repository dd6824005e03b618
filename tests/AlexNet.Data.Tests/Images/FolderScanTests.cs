using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Tests.Images.Support;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// Issue 20, items 5, 7, 9 and 12: symbolic links (loops, self links, dangling links), special files, directory and
/// permission errors, non-UTF-8 names, ignored files and the batch count of a folder with unreadable files.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FolderScanTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public FolderScanTests()
    {
        foreach (string c in new[] { "a", "b" })
        {
            Directory.CreateDirectory(_dir.File(c));
            for (int i = 0; i < 4; i++)
            {
                File.WriteAllBytes(Path.Combine(_dir.File(c), $"{c}{i}.png"), HostileImages.SmallPng());
            }
        }
    }

    public void Dispose() => _dir.Dispose();

    private string In(string folder, string name) => Path.Combine(_dir.File(folder), name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Link_loops_and_self_links_neither_repeat_a_class_nor_put_one_image_in_both_splits(bool follow)
    {
        File.CreateSymbolicLink(_dir.File("self"), ".");
        File.CreateSymbolicLink(In("a", "self"), ".");
        File.CreateSymbolicLink(In("a", "up"), "..");
        File.CreateSymbolicLink(In("b", "to-a"), "../a");

        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { FollowSymbolicLinks = follow });

        dataset.Classes.Should().Equal("a", "b");
        dataset.Files.Select(f => Path.GetFileName(f.Path)).Should().Equal("a0.png", "a1.png", "a2.png", "a3.png", "b0.png", "b1.png", "b2.png", "b3.png");
        dataset.Files.Select(f => f.Label).Should().Equal(0, 0, 0, 0, 1, 1, 1, 1);
        var (train, validation) = dataset.Split(0.5, seed: 3);
        train.Files.Select(f => Path.GetFileName(f.Path)).Should().NotIntersectWith(validation.Files.Select(f => Path.GetFileName(f.Path)));
    }

    [Fact]
    public void A_linked_folder_outside_the_root_is_searched_only_when_links_are_followed()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("x.png"), HostileImages.SmallPng());
        File.CreateSymbolicLink(In("a", "more"), outside.Path);

        ImageFolder.Scan(_dir.Path).Count.Should().Be(8);
        var followed = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { FollowSymbolicLinks = true });
        followed.Count.Should().Be(9);
        followed.Files.Should().ContainSingle(f => f.Path == Path.Combine(In("a", "more"), "x.png")).Which.Label.Should().Be(0);
    }

    [Fact]
    public void A_dangling_link_is_reported_as_such_and_a_link_to_a_file_is_read()
    {
        File.CreateSymbolicLink(In("a", "gone.png"), "missing.png");
        File.CreateSymbolicLink(In("b", "alias.png"), "b0.png");

        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
        using ImageDataset loaded = dataset.LoadIntoMemory(1 << 20);

        loaded.Count.Should().Be(9);
        dataset.Unreadable.Should().ContainSingle().Which.Reason.Should().Be("dangling symbolic link: its target missing.png does not exist");
        var strict = () => ImageFolder.Scan(_dir.Path).LoadIntoMemory(1 << 20);
        strict.Should().Throw<ImageDecodeException>().WithMessage("*gone.png: dangling symbolic link*");
    }

    [Fact]
    public async Task A_fifo_named_like_an_image_is_refused_without_being_opened()
    {
        string fifo = In("a", "pipe.jpg");
        NamedPipe.Create(fifo);
        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });

        // Opening a FIFO for reading waits for a writer: a hang here is the failure.
        using ImageDataset loaded = await Task.Run(() => dataset.LoadIntoMemory(1 << 20)).WaitAsync(TimeSpan.FromSeconds(60));

        loaded.Count.Should().Be(8);
        dataset.Unreadable.Should().ContainSingle().Which.Reason.Should().Be("not a regular file (a named pipe, FIFO); it is not opened");
    }

    [Fact]
    public void A_directory_is_named_a_directory_and_a_folder_named_like_an_image_is_searched()
    {
        Directory.CreateDirectory(In("a", "nested.png"));
        File.WriteAllBytes(Path.Combine(In("a", "nested.png"), "inner.png"), HostileImages.SmallPng());

        ImageFolder.Scan(_dir.Path).Count.Should().Be(9);
        var act = () => ImageDecoder.Decode(In("a", "nested.png"), new ImageDecodeOptions());
        act.Should().Throw<ImageDecodeException>().Which.Problem.Should().Be("is a directory, not an image file");
    }

    [NotRootFact]
    public void An_unreadable_file_or_folder_is_a_typed_permission_error()
    {
        File.SetUnixFileMode(In("a", "a0.png"), UnixFileMode.None);
        Directory.CreateDirectory(In("b", "locked"));
        File.SetUnixFileMode(In("b", "locked"), UnixFileMode.None);
        try
        {
            var strictScan = () => ImageFolder.Scan(_dir.Path);
            strictScan.Should().Throw<DatasetAccessException>().Which.Problem.Should().StartWith("permission denied: this user may not list the folder");
            var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
            using ImageDataset loaded = dataset.LoadIntoMemory(1 << 20);
            loaded.Count.Should().Be(7);
            dataset.Unreadable.Select(u => u.Reason).Should()
                .Contain(r => r.StartsWith("permission denied: this user may not read the file", StringComparison.Ordinal))
                .And.Contain(r => r.StartsWith("permission denied: this user may not list the folder", StringComparison.Ordinal));
        }
        finally
        {
            File.SetUnixFileMode(In("b", "locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_class_folder_with_a_non_utf8_name_is_reported_instead_of_hiding_the_whole_set()
    {
        byte[] name = Encoding(_dir.Path + "/caf\xe9");
        Mkdir(name).Should().Be(0);

        var strict = () => ImageFolder.Scan(_dir.Path);
        strict.Should().Throw<DatasetAccessException>().Which.Problem.Should().StartWith("the folder's name is not valid UTF-8, so .NET cannot open it");
        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
        dataset.Classes.Should().Equal("a", "b");
        dataset.Unreadable.Should().ContainSingle().Which.Reason.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public void Files_of_other_extensions_are_counted_as_ignored_and_gif_is_an_image()
    {
        File.WriteAllText(In("a", "notes.txt"), "x");
        File.WriteAllText(In("b", "logo.svg"), "<svg/>");
        File.WriteAllBytes(In("b", "anim.gif"), Gif());

        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { Decode = new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 } });

        dataset.Count.Should().Be(9);
        dataset.IgnoredFileCount.Should().Be(2);
        dataset.IgnoredFiles.Select(Path.GetFileName).Should().BeEquivalentTo("notes.txt", "logo.svg");
        new ImageFolderOptions().Extensions.Should().Contain(".gif");
        using ImageDataset loaded = dataset.LoadIntoMemory(1 << 20);
        loaded.Count.Should().Be(9);
    }

    [Fact]
    public void With_skipping_and_no_crop_an_image_of_another_size_is_left_out_as_another_size_not_as_unreadable()
    {
        File.WriteAllBytes(In("b", "big.png"), HostileImages.Encoded(24, 20, SkiaSharp.SKEncodedImageFormat.Png));
        File.WriteAllText(In("b", "broken.png"), "not a picture");

        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
        using ImageDataset loaded = dataset.LoadIntoMemory(1 << 20);

        loaded.Count.Should().Be(8);
        dataset.Unreadable.Should().HaveCount(2);
        dataset.Unreadable.Single(u => u.Path.EndsWith("big.png", StringComparison.Ordinal)).IsOtherSize.Should().BeTrue();
        dataset.Unreadable.Single(u => u.Path.EndsWith("big.png", StringComparison.Ordinal)).Reason.Should().Contain("3 x 20 x 24 (C x H x W) after decoding");
        dataset.Unreadable.Single(u => u.Path.EndsWith("broken.png", StringComparison.Ordinal)).IsOtherSize.Should().BeFalse();
    }

    [Fact]
    public void The_loader_yields_every_batch_it_announces_or_fails_naming_the_unreadable_files()
    {
        foreach (string f in Directory.GetFiles(_dir.File("b")))
        {
            File.WriteAllText(f, "not a picture");
        }

        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { SkipUnreadable = true });
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 3, Shuffle = false });
        loader.BatchesPerEpoch.Should().Be(3);

        var counts = new List<long>();
        var act = () =>
        {
            foreach (Batch batch in loader.GetBatches(0))
            {
                using (batch)
                {
                    counts.Add(batch.Count);
                }
            }
        };

        // Batch 0 is a0-a2, batch 1 a3 and b0-b1 (one readable), batch 2 b2-b3: none readable.
        act.Should().Throw<ImageDecodeException>().WithMessage("*b2.png: no file of this batch of 2 could be read*");
        counts.Should().Equal(3, 1);
        loader.CountSamples(0, 1).Should().Be(1);
        dataset.Unreadable.Should().HaveCount(4);
    }

    [Fact]
    public void Without_any_readable_file_loading_into_memory_fails_with_a_typed_error()
    {
        foreach (string f in Directory.GetFiles(_dir.File("a")).Concat(Directory.GetFiles(_dir.File("b"))))
        {
            File.WriteAllText(f, "not a picture");
        }

        var dataset = ImageFolder.Scan(
            _dir.Path, new ImageFolderOptions { SkipUnreadable = true, Decode = new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 } });
        var act = () => dataset.LoadIntoMemory(1 << 20);

        act.Should().Throw<ImageDecodeException>().WithMessage("*no file of this batch of 8 could be read*");
    }

    private static byte[] Gif()
    {
        // A 1 x 1 GIF89a (the smallest valid file).
        return Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
    }

    private static byte[] Encoding(string latin1) => System.Text.Encoding.Latin1.GetBytes(latin1 + "\0");

    private static int Mkdir(byte[] path) => mkdir(path, Convert.ToUInt32("755", 8));

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(byte[] path, uint mode);

    /// <summary>A fact skipped when the tests run as root, for whom file permissions do not apply.</summary>
    private sealed class NotRootFactAttribute : FactAttribute
    {
        public NotRootFactAttribute()
        {
            if (Environment.UserName == "root")
            {
                Skip = "running as root: permission bits do not stop root from reading, so a permission error cannot be provoked";
            }
        }
    }
}
