using System;

namespace AlexNet.Core.Interop;

/// <summary>
/// Where <see cref="PretrainedWeights"/> finds or downloads a weights file. Bindable from configuration (section
/// <see cref="SectionName"/>); validated by <see cref="PretrainedWeights"/>. The defaults share torch.hub's cache.
/// </summary>
public sealed class PretrainedOptions
{
    /// <summary>The configuration section these options bind from: "Pretrained".</summary>
    public const string SectionName = "Pretrained";

    /// <summary>
    /// The folder of cached weights files; null (the default) uses torch.hub's, <see cref="PretrainedWeights.DefaultCacheDirectory"/>
    /// (<c>$TORCH_HOME/hub/checkpoints</c>), so that PyTorch and this library share downloaded files.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// A weights file to use instead of the cache, such as a copy made on another machine; null (the default) uses the
    /// cache. Such a file is loaded strictly (every key and shape) but not hashed: a state dict saved again from
    /// PyTorch is the same weights with another hash.
    /// </summary>
    public string? WeightsFile { get; set; }

    /// <summary>
    /// Download a file that is not in the cache, or whose cached copy fails the hash check. Default true; false works
    /// offline: only the cache (or <see cref="WeightsFile"/>) is used, and a missing file is an error naming where it was looked for.
    /// </summary>
    public bool AllowDownload { get; set; } = true;

    /// <summary>
    /// Base address to download from instead of the entry's own host (a mirror), ending in "/"; the file name is
    /// appended to it. Null (the default) uses <see cref="Models.Weights.WeightsDescriptor.Url"/>.
    /// </summary>
    public string? DownloadBaseUrl { get; set; }

    /// <summary>Longest time the download may take. Default 30 minutes; accepted range (0, 24 hours].</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
