using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.IO;
using AlexNet.Core.Models;
using AlexNet.Core.Models.Weights;

namespace AlexNet.Core.Interop;

/// <summary>
/// Pretrained weights in one call: finds an entry's file (such as <see cref="KnownWeights.ImageNet1kV1"/>) in
/// torch.hub's cache, or downloads it there (with progress, capped at <see cref="WeightsDescriptor.MaxFileLength"/>,
/// into a temporary file renamed into place once its SHA-256 starts with <see cref="WeightsDescriptor.Sha256Prefix"/>,
/// torch.hub's check), and loads it into the entry's model. PyTorch and this library share the cached files both ways.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>
    /// torch.hub's cache of weights files for this process's environment: <c>$TORCH_HOME/hub/checkpoints</c>, TORCH_HOME
    /// defaulting to <c>$XDG_CACHE_HOME/torch</c> and XDG_CACHE_HOME to <c>~/.cache</c>, as torch.hub works it out.
    /// </summary>
    public static string DefaultCacheDirectory => TorchHubCache.CheckpointsDirectory();

    /// <summary>
    /// The model of <paramref name="weights"/> with its pretrained weights loaded (strictly: every key and shape), its
    /// class names and evaluation preprocessing. The file is found or downloaded as <see cref="FindOrDownloadAsync"/> does.
    /// </summary>
    /// <param name="weights">An entry with a file and class names, such as <see cref="KnownWeights.ImageNet1kV1"/>.</param>
    /// <param name="options">Cache folder, offline use, a given file, a mirror; null for the defaults.</param>
    /// <param name="progress">Receives download progress; nothing is reported for a cached file.</param>
    /// <exception cref="ArgumentException">The entry has no weights file or no class names.</exception>
    /// <exception cref="FileNotFoundException">
    /// Offline (or a given <see cref="PretrainedOptions.WeightsFile"/>) and no file where it was looked for; the message names the place.
    /// </exception>
    /// <exception cref="WeightsDownloadException">The download failed or gave a file of the wrong hash; nothing was saved.</exception>
    /// <exception cref="WeightsFileException">Offline, and the cached file fails the hash check; or the file cannot be read.</exception>
    /// <exception cref="StateDictMismatchException">The file's keys or shapes do not fit the entry's model.</exception>
    public static PretrainedModel Load(WeightsDescriptor weights, PretrainedOptions? options = null, IProgress<DownloadProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Categories is null)
        {
            throw new ArgumentException($"The weights entry {weights.Name} has no class names to go with its model.", nameof(weights));
        }

        // No context to deadlock on: every await below uses ConfigureAwait(false).
        string path = FindOrDownloadAsync(weights, options, progress).GetAwaiter().GetResult();
        ModelDescriptor described = weights.Model;
        AlexNetModel model = AlexNetFactory.Create(described.Variant, described.NumClasses, described.Options);
        try
        {
            AlexNetWeights.Load(model, path);
            model.eval();
            return new PretrainedModel(model, weights, path);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The path of <paramref name="weights"/>' file: <see cref="PretrainedOptions.WeightsFile"/> when given (not hashed);
    /// else the file in the cache folder when its SHA-256 starts with the entry's prefix; else (when downloads are
    /// allowed) the file downloaded into the cache folder, replacing a cached copy that failed the check only once the
    /// new one passes it.
    /// </summary>
    /// <param name="weights">An entry with a file, such as <see cref="KnownWeights.ImageNet1kV1"/>.</param>
    /// <param name="options">Cache folder, offline use, a given file, a mirror; null for the defaults.</param>
    /// <param name="progress">Receives download progress; nothing is reported for a cached file.</param>
    /// <param name="cancellationToken">Cancels the download (nothing is saved).</param>
    /// <exception cref="ArgumentException">The entry has no weights file.</exception>
    /// <exception cref="FileNotFoundException">
    /// Offline (or a given <see cref="PretrainedOptions.WeightsFile"/>) and no file where it was looked for; the message names the place.
    /// </exception>
    /// <exception cref="WeightsDownloadException">The download failed or gave a file of the wrong hash; nothing was saved.</exception>
    /// <exception cref="WeightsFileException">Offline, and the cached file fails the hash check.</exception>
    public static async Task<string> FindOrDownloadAsync(
        WeightsDescriptor weights,
        PretrainedOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options = PretrainedOptionsValidator.ThrowIfInvalid(options);
        if (weights is not { FileName: { } fileName, Url: { } url, Sha256Prefix: { } prefix, MaxFileLength: { } maxLength })
        {
            throw new ArgumentException(
                $"The weights entry {weights.Name} has no weights file to download (file name, address, hash and size).", nameof(weights));
        }

        if (options.WeightsFile is { } given)
        {
            return GivenFile(given);
        }

        string directory = Path.GetFullPath(options.CacheDirectory ?? DefaultCacheDirectory);
        string cached = Path.Combine(directory, fileName);
        string? cachedProblem = null;
        if (File.Exists(cached))
        {
            cachedProblem = HashProblem(cached, prefix);
            if (cachedProblem is null)
            {
                return cached;
            }

            if (!options.AllowDownload)
            {
                throw new WeightsFileException(
                    cached, $"{cachedProblem}: the cached file is corrupt or not the published one; delete it, or allow the download to replace it");
            }
        }
        else if (!options.AllowDownload)
        {
            throw new FileNotFoundException(
                $"{weights.Name}: {fileName} is not in the cache and downloads are off; looked for {cached} "
                + "(torch.hub's cache: $TORCH_HOME/hub/checkpoints, TORCH_HOME defaulting to $XDG_CACHE_HOME/torch, XDG_CACHE_HOME to ~/.cache). "
                + $"Put the file there, give its path ({nameof(PretrainedOptions)}.{nameof(PretrainedOptions.WeightsFile)}) or allow the download.",
                cached);
        }

        Uri source = options.DownloadBaseUrl is { } mirror ? new Uri(new Uri(mirror, UriKind.Absolute), fileName) : url;
        await DownloadAsync(source, cached, prefix, maxLength, options.DownloadTimeout, progress, cancellationToken).ConfigureAwait(false);
        return cached;
    }

    private static string GivenFile(string given)
    {
        string path = Path.GetFullPath(given);
        if (File.Exists(path))
        {
            return path;
        }

        throw new FileNotFoundException(
            Directory.Exists(path)
                ? $"The weights file {path} ({nameof(PretrainedOptions)}.{nameof(PretrainedOptions.WeightsFile)}) is a folder; give the .pth file inside it."
                : $"No weights file at {path} ({nameof(PretrainedOptions)}.{nameof(PretrainedOptions.WeightsFile)}); the cache was not looked at.",
            path);
    }

    private static async Task DownloadAsync(
        Uri url, string destination, string prefix, long maxLength, TimeSpan timeout, IProgress<DownloadProgress>? progress, CancellationToken token)
    {
        string name = Path.GetFileName(destination);
        try
        {
            await AtomicFile.WriteAsync(
                destination,
                file => HttpFileFetch.CopyAsync(HttpFileFetch.SharedClient, url, file, name, maxLength, maxLength, timeout, progress, token),
                temporary =>
                {
                    if (HashProblem(temporary, prefix) is { } problem)
                    {
                        throw new WeightsDownloadException(url, destination, problem + "; the downloaded file was deleted");
                    }
                }).ConfigureAwait(false);
        }
        catch (HttpFetchException e)
        {
            throw new WeightsDownloadException(url, destination, e.Message, e.InnerException);
        }
    }

    /// <summary>Null when the SHA-256 of <paramref name="path"/> starts with <paramref name="prefix"/> (torch.hub's check_hash), else what differs.</summary>
    private static string? HashProblem(string path, string prefix)
    {
        string digest;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            digest = string.Concat(Array.ConvertAll(SHA256.HashData(stream), b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }

        return digest.StartsWith(prefix, StringComparison.Ordinal)
            ? null
            : $"SHA-256 {digest} does not start with {prefix}, the hash prefix in the published file's name (torch.hub's check)";
    }
}
