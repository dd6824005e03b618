using System;
using System.IO;
using System.Threading.Tasks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Tests.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>A download never writes more than the file's expected size: an endless body is cut off there and deleted.</summary>
[Collection(MemoryMeasuringCollection.Name)]
public sealed class DownloadCapTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalHttpServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task An_endless_body_is_stopped_at_the_known_file_length_and_nothing_is_left_on_disk()
    {
        _server.Serve("data.gz", new ServedFile(new byte[64 * 1024], Endless: true));
        var checksum = new FileChecksum("data.gz", "0123456789abcdef0123456789abcdef", null, fileLength: 1_000_000);
        string destination = _temp.File("data.gz");
        long managedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var act = () => new DatasetDownloader().DownloadAsync(_server.UrlOf("data.gz"), destination, checksum);

        (await act.Should().ThrowAsync<DatasetDownloadException>()).WithMessage("*more than the expected 1,000,000 bytes*nothing was saved*");
        long managed = GC.GetTotalAllocatedBytes(precise: true) - managedBefore;
        Directory.GetFiles(_temp.Path).Should().BeEmpty("the partial file is deleted");
        managed.Should().BeLessThan(32L << 20);
        _server.EndlessBytesSent.Should().BeLessThan(64L << 20, "the client hung up near the cap (socket buffers hold a few MB)");
    }

    [Fact]
    public async Task A_dataset_download_without_checksums_is_still_capped_at_twice_the_published_length()
    {
        _server.Serve("t10k-images-idx3-ubyte.gz", new ServedFile(new byte[64 * 1024], Endless: true));
        _server.Serve("t10k-labels-idx1-ubyte.gz", new ServedFile(new byte[64 * 1024], Endless: true));
        var options = new DatasetLoadOptions { Download = true, VerifyChecksums = false, DownloadBaseUrl = _server.BaseUrl };

        var act = () => Task.Run(() => Mnist.Load(_temp.Path, DatasetSplit.Test, options));

        (await act.Should().ThrowAsync<DatasetDownloadException>()).WithMessage("*t10k-images-idx3-ubyte.gz*more than the expected 3,297,754 bytes*");
        Directory.GetFiles(_temp.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task A_body_longer_than_the_published_length_is_cut_there_even_when_the_server_announces_it()
    {
        _server.Serve("data.gz", new ServedFile(new byte[2_000_000]));
        var checksum = new FileChecksum("data.gz", "0123456789abcdef0123456789abcdef", null, fileLength: 1_000_000);

        var act = () => new DatasetDownloader().DownloadAsync(_server.UrlOf("data.gz"), _temp.File("data.gz"), checksum);

        (await act.Should().ThrowAsync<DatasetDownloadException>()).WithMessage("*more than the expected 1,000,000 bytes*");
        Directory.GetFiles(_temp.Path).Should().BeEmpty();
    }
}
