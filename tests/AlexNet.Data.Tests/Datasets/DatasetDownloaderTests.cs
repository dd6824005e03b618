using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AlexNet.Core.IO;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>Downloads against a server on 127.0.0.1 in the test process.</summary>
public sealed class DatasetDownloaderTests : IDisposable
{
    private readonly LocalHttpServer _server = new();
    private readonly TempDirectory _temp = new();
    private readonly byte[] _content = RandomBytes(seed: 5, 2_500_000);

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_verified_download_is_renamed_into_place_and_reports_progress()
    {
        _server.Serve("data.bin", new ServedFile(_content));
        var progress = new RecordingProgress();

        bool downloaded = await new DatasetDownloader().DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content), progress);

        downloaded.Should().BeTrue();
        File.ReadAllBytes(_temp.File("data.bin")).Should().Equal(_content);
        _temp.Files().Should().Equal("data.bin");
        progress.Reports.First().Should().Be(new DownloadProgress("data.bin", 0, 2_500_000));
        progress.Reports.Last().Should().Be(new DownloadProgress("data.bin", 2_500_000, 2_500_000));
        progress.Reports.Select(r => r.BytesReceived).Should().BeInAscendingOrder().And.HaveCountGreaterThan(2);
    }

    [Fact]
    public async Task A_connection_cut_mid_file_leaves_nothing_behind_and_says_how_far_it_got()
    {
        _server.Serve("data.bin", new ServedFile(_content, CutAfter: 100_000));

        var e = await Assert.ThrowsAsync<DatasetDownloadException>(() => new DatasetDownloader().DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content)));

        e.Url.Should().Be(_server.UrlOf("data.bin"));
        e.Destination.Should().Be(_temp.File("data.bin"));
        e.Problem.Should().MatchRegex(@"^the connection closed after [\d,]+ of 2,500,000 bytes received");
        e.Message.Should().EndWith("No file was left at the destination.");
        _temp.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_bytes_fail_verification_and_leave_nothing_behind()
    {
        byte[] wrong = RandomBytes(seed: 6, _content.Length);
        _server.Serve("data.bin", new ServedFile(wrong));

        var e = await Assert.ThrowsAsync<DatasetChecksumException>(() => new DatasetDownloader().DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content)));

        e.File.Should().Be(_temp.File("data.bin"));
        e.Expected.Should().Be($"MD5 {Md5(_content)} of the file as published (data.bin)");
        e.Actual.Should().Be($"MD5 {Md5(wrong)} of the file (downloaded from {_server.UrlOf("data.bin")}; nothing was saved)");
        _temp.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task A_gzip_file_with_a_corrupt_stream_is_reported_as_a_checksum_failure_naming_the_problem()
    {
        byte[] gzip = IdxFiles.Gzip(IdxFiles.UnsignedBytes([4], [1, 2, 3, 4]));
        byte[] corrupt = gzip.ToArray();
        corrupt[^6] ^= 0xFF;
        _server.Serve("x.gz", new ServedFile(corrupt));
        var checksum = new FileChecksum("x.gz", null, Md5(IdxFiles.UnsignedBytes([4], [1, 2, 3, 4])));

        var e = await Assert.ThrowsAsync<DatasetChecksumException>(() => new DatasetDownloader().DownloadAsync(_server.UrlOf("x.gz"), _temp.File("x.gz"), checksum));

        e.Actual.Should().StartWith($"MD5 {Md5(corrupt)} of a file whose content cannot be read (data the decoder rejects");
        _temp.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_error_is_reported_with_its_status()
    {
        var e = await Assert.ThrowsAsync<DatasetDownloadException>(() => new DatasetDownloader().DownloadAsync(_server.UrlOf("missing.bin"), _temp.File("missing.bin"), null));

        e.Problem.Should().Be("the server answered 404 Not Found");
        _temp.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task A_stalled_download_times_out_and_leaves_nothing_behind()
    {
        _server.Serve("data.bin", new ServedFile(_content, StallAfter: 1000));

        var e = await Assert.ThrowsAsync<DatasetDownloadException>(() => new DatasetDownloader(timeout: TimeSpan.FromSeconds(1)).DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content)));

        e.Problem.Should().MatchRegex(@"^timed out after 00:00:01 with [\d,]+ (of 2,500,000 )?bytes received$");
        _temp.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_already_present_that_verifies_is_kept_without_asking_the_server()
    {
        File.WriteAllBytes(_temp.File("data.bin"), _content);

        bool downloaded = await new DatasetDownloader().DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content));

        downloaded.Should().BeFalse();
        _server.RequestsFor("data.bin").Should().Be(0);
    }

    [Fact]
    public async Task A_corrupt_file_already_present_is_replaced_only_by_a_verified_download()
    {
        File.WriteAllBytes(_temp.File("data.bin"), [1, 2, 3]);
        _server.Serve("data.bin", new ServedFile(_content, CutAfter: 5000));

        await Assert.ThrowsAsync<DatasetDownloadException>(() => new DatasetDownloader().DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content)));
        File.ReadAllBytes(_temp.File("data.bin")).Should().Equal(1, 2, 3);

        _server.Serve("data.bin", new ServedFile(_content));
        (await new DatasetDownloader().DownloadAsync(_server.UrlOf("data.bin"), _temp.File("data.bin"), ChecksumOf(_content))).Should().BeTrue();
        File.ReadAllBytes(_temp.File("data.bin")).Should().Equal(_content);
        _temp.Files().Should().Equal("data.bin");
    }

    [Fact]
    public async Task Fashion_mnist_downloads_from_a_configured_mirror_verify_and_load()
    {
        foreach (FileChecksum file in FashionMnist.Files)
        {
            _server.Serve(file.FileName, new ServedFile(File.ReadAllBytes(Path.Combine(FashionMnist.DefaultDirectory, file.FileName))));
        }

        var progress = new RecordingProgress();
        await FashionMnist.DownloadAsync(_temp.Path, new DatasetLoadOptions { DownloadBaseUrl = _server.BaseUrl }, progress);

        _temp.Files().Should().Equal(FashionMnist.Files.Select(f => f.FileName).Order(StringComparer.Ordinal));
        progress.Reports.Select(r => r.FileName).Distinct().Should().HaveCount(4);
        using ImageDataset test = FashionMnist.Load(_temp.Path, DatasetSplit.Test);
        test.Count.Should().Be(10_000);
    }

    [Fact]
    public void Load_with_download_fetches_missing_files_and_rejects_a_wrong_archive_without_leaving_it()
    {
        byte[] archive = CifarFiles.Archive(Cifar10.FolderName, CifarFiles.Cifar10Members(seed: 1, perBatch: 2, testCount: 2));
        _server.Serve("cifar-10-binary.tar.gz", new ServedFile(archive));
        var options = new DatasetLoadOptions { Download = true, DownloadBaseUrl = _server.BaseUrl };

        var e = Assert.Throws<DatasetChecksumException>(() => Cifar10.Load(_temp.Path, DatasetSplit.Test, options));

        e.Expected.Should().Be("MD5 c32a1d4ab5d03f1284b67883e8d87530 of the file as published (cifar-10-binary.tar.gz)");
        _server.RequestsFor("cifar-10-binary.tar.gz").Should().Be(1);
        _temp.Files().Should().BeEmpty();
    }

    [Fact]
    public void Load_with_download_fetches_missing_idx_files_from_the_mirror()
    {
        (byte[] images, byte[] labels, _, byte[] labelValues) = IdxFiles.RandomImageSet(seed: 9, count: 4, rows: 3, columns: 3, classes: 10);
        _server.Serve("t10k-images-idx3-ubyte.gz", new ServedFile(IdxFiles.Gzip(images)));
        _server.Serve("t10k-labels-idx1-ubyte.gz", new ServedFile(IdxFiles.Gzip(labels)));

        using ImageDataset test = Mnist.Load(_temp.Path, DatasetSplit.Test, new DatasetLoadOptions { Download = true, DownloadBaseUrl = _server.BaseUrl, VerifyChecksums = false });

        test.Labels.data<long>().ToArray().Should().Equal(labelValues.Select(v => (long)v));
        _temp.Files().Should().Equal("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }

    private static FileChecksum ChecksumOf(byte[] content) => new("data.bin", Md5(content), null);

    private static string Md5(byte[] bytes) => Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant();

    private static byte[] RandomBytes(int seed, int length)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed class RecordingProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        public void Report(DownloadProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }
}
