using System.CommandLine;
using System.Globalization;
using AlexNet.Core.Interop;
using AlexNet.Core.IO;
using AlexNet.Core.Models.Weights;
using AlexNet.Data.Images;
using AlexNet.Data.Transforms;
using Microsoft.Extensions.Options;

namespace AlexNet.Samples;

/// <summary>
/// The pretrained-weights options of <c>predict</c> and <c>evaluate</c>: <c>--pretrained imagenet</c> (the catalogue
/// entry <see cref="KnownWeights.ImageNet1kV1"/>), found in torch.hub's cache or downloaded there; <c>--weights-file</c>,
/// <c>--offline</c>, <c>--cache-dir</c> and <c>--download-base-url</c> are <see cref="PretrainedOptions"/>.
/// </summary>
internal sealed class PretrainedSource
{
    /// <summary>The catalogue entries by the name the command line takes.</summary>
    private static readonly Dictionary<string, WeightsDescriptor> Entries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["imagenet"] = KnownWeights.ImageNet1kV1,
    };

    public Option<string?> Name { get; } = new("--pretrained")
    {
        Description = "A catalogue entry: imagenet (torchvision's ImageNet-1k AlexNet, alexnet-owt-7be5be79.pth), "
            + "found in torch.hub's cache ($TORCH_HOME/hub/checkpoints) or downloaded there.",
    };

    public Option<string?> WeightsFile { get; } = new("--weights-file")
    {
        Description = "With --pretrained: this weights file instead of the cache (loaded strictly, not hashed).",
    };

    public Option<bool> Offline { get; } = new("--offline") { Description = "With --pretrained: never download; use the cache or --weights-file." };

    public Option<string?> CacheDirectory { get; } = new("--cache-dir") { Description = "With --pretrained: the cache folder (default: torch.hub's)." };

    public Option<string?> DownloadBaseUrl { get; } = new("--download-base-url")
    {
        Description = "With --pretrained: download from this mirror (an http(s) address ending in '/').",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Name);
        command.Options.Add(WeightsFile);
        command.Options.Add(Offline);
        command.Options.Add(CacheDirectory);
        command.Options.Add(DownloadBaseUrl);
    }

    /// <summary>
    /// Loads the entry <see cref="Name"/> gives; on failure writes one line to <paramref name="error"/> and returns null
    /// with <paramref name="exitCode"/> 2 (a bad command line) or 1 (no file, a failed download, a corrupt file).
    /// </summary>
    public PretrainedModel? Load(ParseResult parsed, string command, TextWriter error, out int exitCode)
    {
        string name = parsed.GetValue(Name) ?? string.Empty;
        exitCode = 2;
        if (!Entries.TryGetValue(name, out WeightsDescriptor? weights))
        {
            error.WriteLine($"{command}: --pretrained: unknown entry '{name}'; known: {string.Join(", ", Entries.Keys)}.");
            return null;
        }

        var options = new PretrainedOptions
        {
            WeightsFile = parsed.GetValue(WeightsFile),
            AllowDownload = !parsed.GetValue(Offline),
            CacheDirectory = parsed.GetValue(CacheDirectory),
            DownloadBaseUrl = parsed.GetValue(DownloadBaseUrl),
        };
        try
        {
            PretrainedModel pretrained = PretrainedWeights.Load(weights, options, new ProgressLines(error));
            exitCode = 0;
            return pretrained;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine($"{command}: {string.Join(" ", e.Failures)}");
            return null;
        }
        catch (Exception e) when (e is IOException or WeightsFileException or StateDictMismatchException)
        {
            error.WriteLine($"{command}: {e.Message}");
            exitCode = 1;
            return null;
        }
    }

    /// <summary>An image classifier with the entry's evaluation preprocessing: decode with the resize and central crop, then ToFloat and Normalize.</summary>
    public static ImageClassifier Classifier(PretrainedModel pretrained)
    {
        EvaluationPreprocessing p = pretrained.Preprocessing;
        var decode = new ImageDecodeOptions { Channels = p.Channels, ShorterSide = p.ResizeShorterSide, CenterCrop = p.CenterCropSize?.Height };
        var transform = ImageTransforms.Compose(ImageTransforms.ToFloat(), ImageTransforms.Normalize(p.Mean, p.Std));
        return new ImageClassifier(pretrained.Model, pretrained.Categories, decode, transform);
    }

    /// <summary>The "Model:" line.</summary>
    public static string Describe(PretrainedModel pretrained) =>
        $"Model: {pretrained.Weights.Name} ({pretrained.FilePath}), {pretrained.Model.Descriptor.Variant}, {pretrained.Categories.Count} classes.";

    /// <summary>Download progress as a line per 10% (or per 16 MB when the size is unknown).</summary>
    private sealed class ProgressLines(TextWriter error) : IProgress<DownloadProgress>
    {
        private long _next;

        public void Report(DownloadProgress value)
        {
            long step = value.TotalBytes is long total ? Math.Max(1, total / 10) : 16 << 20;
            if (value.BytesReceived < _next && value.BytesReceived != value.TotalBytes)
            {
                return;
            }

            _next = value.BytesReceived + step;
            string of = value.TotalBytes is long t ? string.Create(CultureInfo.InvariantCulture, $" of {t / 1e6:F1}") : string.Empty;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Downloading {value.FileName}: {value.BytesReceived / 1e6:F1}{of} MB"));
        }
    }
}
