using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Interop;
using AlexNet.Core.IO;
using AlexNet.Core.Models.Weights;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop.Pretrained;

/// <summary>
/// Pretrained weights against a server on 127.0.0.1 serving a file real PyTorch made, with a test-only entry (the real
/// ImageNet entry's address with the host overridden, the file's own hash prefix): download, cache, offline use.
/// </summary>
public sealed class PretrainedWeightsTests : IClassFixture<NarrowPretrainedFile>, IDisposable
{
    private readonly NarrowPretrainedFile _narrow;
    private readonly LocalHttpServer _server = new();
    private readonly TempDirectory _cache = new();

    public PretrainedWeightsTests(NarrowPretrainedFile narrow) => _narrow = narrow;

    public void Dispose()
    {
        _server.Dispose();
        _cache.Dispose();
    }

    [PyTorchFact]
    public async Task A_download_lands_in_the_cache_under_the_entry_file_name_with_progress_and_no_temporary_file()
    {
        PretrainedFile file = _narrow.File;
        _server.Serve(file.FileName, new ServedFile(file.Bytes));
        var progress = new RecordingProgress();

        string path = await PretrainedWeights.FindOrDownloadAsync(file.Entry(NarrowPretrainedFile.Model), Online(), progress);

        path.Should().Be(_cache.File(file.FileName));
        File.ReadAllBytes(path).Should().Equal(file.Bytes);
        _cache.Files().Should().Equal(file.FileName);
        _server.RequestsFor(file.FileName).Should().Be(1);
        progress.Reports.First().Should().Be(new DownloadProgress(file.FileName, 0, file.Bytes.Length));
        progress.Reports.Last().Should().Be(new DownloadProgress(file.FileName, file.Bytes.Length, file.Bytes.Length));
    }

    [PyTorchFact]
    public void Load_gives_the_model_with_pytorchs_outputs_its_1000_class_names_and_the_evaluation_preprocessing()
    {
        PretrainedFile file = _narrow.File;
        _server.Serve(file.FileName, new ServedFile(file.Bytes));
        WeightsDescriptor entry = file.Entry(NarrowPretrainedFile.Model);

        using PretrainedModel pretrained = PretrainedWeights.Load(entry, Online());

        pretrained.Categories.Should().HaveCount(1000).And.StartWith("tench");
        pretrained.Preprocessing.Should().BeSameAs(KnownWeights.ImageNet1kV1.Preprocessing);
        pretrained.FilePath.Should().Be(_cache.File(file.FileName));
        pretrained.Model.training.Should().BeFalse();
        AssertPyTorchOutputs(pretrained, file);
    }

    [PyTorchFact]
    public async Task A_cached_file_is_used_without_asking_the_server_even_offline()
    {
        PretrainedFile file = _narrow.File;
        File.WriteAllBytes(_cache.File(file.FileName), file.Bytes);

        string online = await PretrainedWeights.FindOrDownloadAsync(file.Entry(NarrowPretrainedFile.Model), Online());
        using PretrainedModel offline = PretrainedWeights.Load(file.Entry(NarrowPretrainedFile.Model), Offline());

        online.Should().Be(_cache.File(file.FileName));
        offline.FilePath.Should().Be(_cache.File(file.FileName));
        _server.RequestsFor(file.FileName).Should().Be(0);
    }

    [PyTorchFact]
    public async Task A_download_whose_hash_does_not_start_with_the_prefix_is_deleted_with_both_hashes_in_the_error()
    {
        PretrainedFile file = _narrow.File;
        _server.Serve(file.FileName, new ServedFile(file.Bytes));
        string wrongPrefix = file.Sha256[0] == '0' ? "ffffffff" : "00000000";

        var e = await Assert.ThrowsAsync<WeightsDownloadException>(
            () => PretrainedWeights.FindOrDownloadAsync(file.Entry(NarrowPretrainedFile.Model, sha256Prefix: wrongPrefix), Online()));

        e.Problem.Should().Be(
            $"SHA-256 {file.Sha256} does not start with {wrongPrefix}, the hash prefix in the published file's name (torch.hub's check); "
            + "the downloaded file was deleted");
        e.Url.Should().Be(_server.UrlOf(file.FileName));
        e.Destination.Should().Be(_cache.File(file.FileName));
        _cache.Files().Should().BeEmpty();
    }

    [PyTorchFact]
    public async Task A_truncated_download_leaves_nothing_in_the_cache_and_says_how_far_it_got()
    {
        PretrainedFile file = _narrow.File;
        _server.Serve(file.FileName, new ServedFile(file.Bytes, CutAfter: 100_000));

        var e = await Assert.ThrowsAsync<WeightsDownloadException>(
            () => PretrainedWeights.FindOrDownloadAsync(file.Entry(NarrowPretrainedFile.Model), Online()));

        e.Problem.Should().MatchRegex($@"^the connection closed after [\d,]+ of {file.Bytes.Length:N0} bytes received");
        e.Message.Should().Contain("No file was left at the destination").And.Contain("PretrainedOptions.WeightsFile");
        _cache.Files().Should().BeEmpty();
    }

    [PyTorchFact]
    public async Task A_body_longer_than_the_entry_allows_is_cut_off_at_the_cap()
    {
        PretrainedFile file = _narrow.File;
        _server.Serve(file.FileName, new ServedFile(new byte[64 * 1024], Endless: true));

        var e = await Assert.ThrowsAsync<WeightsDownloadException>(
            () => PretrainedWeights.FindOrDownloadAsync(file.Entry(NarrowPretrainedFile.Model, maxFileLength: 1_000_000), Online()));

        e.Problem.Should().StartWith("the server sent more than the expected 1,000,000 bytes");
        _cache.Files().Should().BeEmpty();
    }

    [PyTorchFact]
    public async Task Offline_without_a_cached_file_names_the_place_it_looked_and_asks_no_server()
    {
        PretrainedFile file = _narrow.File;
        _server.Serve(file.FileName, new ServedFile(file.Bytes));

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => PretrainedWeights.FindOrDownloadAsync(file.Entry(NarrowPretrainedFile.Model), Offline()));

        e.FileName.Should().Be(_cache.File(file.FileName));
        e.Message.Should().Contain($"looked for {_cache.File(file.FileName)}")
            .And.Contain("$TORCH_HOME/hub/checkpoints").And.Contain("PretrainedOptions.WeightsFile");
        _server.RequestsFor(file.FileName).Should().Be(0);
    }

    [PyTorchFact]
    public async Task No_reachable_server_and_no_cached_file_names_the_address_and_the_cache_file()
    {
        PretrainedFile file = _narrow.File;
        var stopped = new LocalHttpServer();
        string closed = stopped.BaseUrl;
        stopped.Dispose();

        var e = await Assert.ThrowsAsync<WeightsDownloadException>(
            () => PretrainedWeights.FindOrDownloadAsync(
                file.Entry(NarrowPretrainedFile.Model), new PretrainedOptions { CacheDirectory = _cache.Path, DownloadBaseUrl = closed }));

        e.Message.Should().Contain(closed + file.FileName).And.Contain(_cache.File(file.FileName)).And.Contain("the request failed");
        _cache.Files().Should().BeEmpty();
    }

    [PyTorchFact]
    public async Task A_corrupt_cached_file_is_refused_offline_untouched_and_replaced_online_only_by_a_verified_download()
    {
        PretrainedFile file = _narrow.File;
        byte[] corrupt = file.Bytes.ToArray();
        corrupt[corrupt.Length / 2] ^= 0xFF;
        File.WriteAllBytes(_cache.File(file.FileName), corrupt);
        WeightsDescriptor entry = file.Entry(NarrowPretrainedFile.Model);

        var offline = Assert.Throws<WeightsFileException>(() => PretrainedWeights.Load(entry, Offline()));
        offline.FilePath.Should().Be(_cache.File(file.FileName));
        offline.Problem.Should().StartWith("SHA-256 ").And.Contain($"does not start with {file.Sha256[..8]}").And.Contain("delete it, or allow the download");
        File.ReadAllBytes(_cache.File(file.FileName)).Should().Equal(corrupt);

        _server.Serve(file.FileName, new ServedFile(file.Bytes, CutAfter: 5000));
        await Assert.ThrowsAsync<WeightsDownloadException>(() => PretrainedWeights.FindOrDownloadAsync(entry, Online()));
        File.ReadAllBytes(_cache.File(file.FileName)).Should().Equal(corrupt, "a failed download never replaces the cached file");

        _server.Serve(file.FileName, new ServedFile(file.Bytes));
        using PretrainedModel pretrained = PretrainedWeights.Load(entry, Online());
        File.ReadAllBytes(_cache.File(file.FileName)).Should().Equal(file.Bytes);
        _cache.Files().Should().Equal(file.FileName);
        AssertPyTorchOutputs(pretrained, file);
    }

    [PyTorchFact]
    public void A_given_weights_file_is_used_instead_of_the_cache_and_a_folder_or_missing_file_is_named()
    {
        PretrainedFile file = _narrow.File;
        using var elsewhere = new TempDirectory();
        File.WriteAllBytes(elsewhere.File("copy.pth"), file.Bytes);
        WeightsDescriptor entry = file.Entry(NarrowPretrainedFile.Model);

        var given = new PretrainedOptions { CacheDirectory = _cache.Path, WeightsFile = elsewhere.File("copy.pth"), AllowDownload = false };
        using (PretrainedModel pretrained = PretrainedWeights.Load(entry, given))
        {
            pretrained.FilePath.Should().Be(elsewhere.File("copy.pth"));
        }

        Assert.Throws<FileNotFoundException>(() => PretrainedWeights.Load(entry, new PretrainedOptions { WeightsFile = elsewhere.Path }))
            .Message.Should().Contain($"{elsewhere.Path} (PretrainedOptions.WeightsFile) is a folder");
        Assert.Throws<FileNotFoundException>(() => PretrainedWeights.Load(entry, new PretrainedOptions { WeightsFile = elsewhere.File("none.pth") }))
            .Message.Should().Be($"No weights file at {elsewhere.File("none.pth")} (PretrainedOptions.WeightsFile); the cache was not looked at.");
        _cache.Files().Should().BeEmpty();
        _server.RequestsFor(file.FileName).Should().Be(0);
    }

    [PyTorchFact]
    public void The_full_size_file_in_pytorchs_legacy_format_downloads_under_the_real_entry_cap_and_loads_into_the_real_entry_model()
    {
        using var full = new PretrainedFile("""{"variant": "torchvision", "classes": 1000, "legacy": true}""");
        _server.Serve(full.FileName, new ServedFile(full.Bytes));
        WeightsDescriptor entry = full.Entry(KnownWeights.ImageNet1kV1.Model);

        using PretrainedModel pretrained = PretrainedWeights.Load(entry, Online());

        full.Bytes.Length.Should().BeGreaterThan(200_000_000).And.BeLessThan((int)KnownWeights.ImageNet1kV1.MaxFileLength!.Value);
        pretrained.Model.parameters().Sum(p => p.numel()).Should().Be(61_100_840);
        AssertPyTorchOutputs(pretrained, full);
    }

    private PretrainedOptions Online() => new() { CacheDirectory = _cache.Path, DownloadBaseUrl = _server.BaseUrl };

    private PretrainedOptions Offline() => new() { CacheDirectory = _cache.Path, DownloadBaseUrl = _server.BaseUrl, AllowDownload = false };

    private static void AssertPyTorchOutputs(PretrainedModel pretrained, PretrainedFile file)
    {
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> reference = AlexNetWeights.Read(file.ReferenceFile);
        using var noGrad = no_grad();
        InteropAssert.Close(pretrained.Model.call(reference["input"]), reference["output"], file.FileName);
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
