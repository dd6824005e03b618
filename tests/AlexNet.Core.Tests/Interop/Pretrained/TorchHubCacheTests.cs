using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Interop;
using AlexNet.Core.Models.Weights;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Tests.Interop.Pretrained;

/// <summary>The cache folder is torch.hub's for the same environment, so PyTorch and the library share files both ways.</summary>
public class TorchHubCacheTests
{
    private static readonly (string? TorchHome, string? XdgCacheHome, string Home)[] Environments =
    [
        (null, null, "/home/someone"),
        (null, "/var/cache/xdg", "/home/someone"),
        ("/opt/torch-home", "/var/cache/xdg", "/home/someone"),
        ("~/my-torch", null, "/home/someone"),
        (null, "~/xdg", "/home/other"),
    ];

    [PyTorchFact]
    public void The_checkpoints_folder_is_the_one_torch_hub_uses_for_each_environment()
    {
        // One Python process (importing torch takes seconds): torch.hub reads the variables at each get_dir() call.
        string cases = JsonSerializer.Serialize(Environments.Select(e => new[] { e.TorchHome, e.XdgCacheHome, e.Home }));
        string script = $$"""
            import json, os, torch.hub
            for torch_home, xdg, home in json.loads('{{cases}}'):
                for name, value in (("TORCH_HOME", torch_home), ("XDG_CACHE_HOME", xdg), ("HOME", home)):
                    os.environ.pop(name, None)
                    if value is not None:
                        os.environ[name] = value
                print(os.path.join(torch.hub.get_dir(), "checkpoints"))
            """;

        string[] pytorchs = PythonSnippet.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        string[] ours = Environments.Select(e =>
        {
            var environment = new Dictionary<string, string?> { ["TORCH_HOME"] = e.TorchHome, ["XDG_CACHE_HOME"] = e.XdgCacheHome, ["HOME"] = e.Home };
            return TorchHubCache.CheckpointsDirectory(name => environment.GetValueOrDefault(name));
        }).ToArray();
        ours.Should().Equal(pytorchs);
        ours[0].Should().Be("/home/someone/.cache/torch/hub/checkpoints");
    }

    [Fact]
    public void The_default_cache_follows_this_process_environment()
    {
        string expected = TorchHubCache.CheckpointsDirectory(Environment.GetEnvironmentVariable);

        PretrainedWeights.DefaultCacheDirectory.Should().Be(expected).And.EndWith(Path.Combine("hub", "checkpoints"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Invalid_options_are_refused_naming_the_option_and_the_value()
    {
        var options = new PretrainedOptions { DownloadBaseUrl = "ftp://mirror/models", DownloadTimeout = TimeSpan.Zero, CacheDirectory = " " };

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => PretrainedWeights.FindOrDownloadAsync(KnownWeights.ImageNet1kV1, options));

        e.Failures.Should().HaveCount(3);
        e.Message.Should().Contain("PretrainedOptions.DownloadBaseUrl must be an absolute http or https address ending in '/'")
            .And.Contain("'ftp://mirror/models'");
        e.Message.Should().Contain("PretrainedOptions.DownloadTimeout must lie in (00:00:00, 1.00:00:00]; got 00:00:00.");
        e.Message.Should().Contain("CacheDirectory");
    }

    [Fact]
    public void An_entry_without_a_file_cannot_be_downloaded()
    {
        var e = Assert.Throws<ArgumentException>(() => PretrainedWeights.Load(KnownWeights.Cifar10, new PretrainedOptions { AllowDownload = false }));

        e.Message.Should().StartWith("The weights entry Cifar10 has no weights file to download");
    }
}
