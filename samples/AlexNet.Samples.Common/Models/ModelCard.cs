using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AlexNet.Core.Models.Weights;
using AlexNet.Core.Models;
using AlexNet.Data.Images;
using AlexNet.Data.Transforms;
using AlexNet.Samples.Common.Outputs;

namespace AlexNet.Samples.Common.Models;

/// <summary>
/// What a model file alone does not say and prediction needs: the network (variant, channels, classifier width), the
/// class names and the evaluation preprocessing (resize of the shorter side, central crop, mean and std). The
/// TransferLearning sample writes it as <c>model.json</c> in its run folder; the Predict sample reads it.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The file name in a run folder.</summary>
    public const string FileName = "model.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The network.</summary>
    public required Variant Variant { get; init; }

    /// <summary>The class names, index = model output.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Input channels (3 for RGB).</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Width of the hidden fully connected layers; null for the variant's default.</summary>
    public int? ClassifierWidth { get; init; }

    /// <summary>Evaluation: the shorter side is resized to this length.</summary>
    public int ShorterSide { get; init; } = 256;

    /// <summary>Evaluation: the central square of this size is what the network sees.</summary>
    public int CropSize { get; init; } = 224;

    /// <summary>Per-channel mean of Normalize.</summary>
    public IReadOnlyList<float> Mean { get; init; } = KnownWeights.ImageNet.Preprocessing.Mean.ToArray();

    /// <summary>Per-channel std of Normalize.</summary>
    public IReadOnlyList<float> Std { get; init; } = KnownWeights.ImageNet.Preprocessing.Std.ToArray();

    /// <summary>A new, randomly initialised model of this card's shape.</summary>
    public AlexNetModel CreateModel() =>
        AlexNetFactory.Create(Variant, Classes.Count, new AlexNetOptions { InputChannels = InputChannels, ClassifierWidth = ClassifierWidth });

    /// <summary>How image files are decoded for evaluation: resize the shorter side, central crop.</summary>
    public ImageDecodeOptions Decode() => new() { Channels = InputChannels, ShorterSide = ShorterSide, CenterCrop = CropSize };

    /// <summary>The evaluation pipeline after decoding: ToFloat, Normalize.</summary>
    public ITransform EvaluationTransform() => ImageTransforms.Compose(ImageTransforms.ToFloat(), ImageTransforms.Normalize(Mean, Std));

    /// <summary>Writes the card into <paramref name="folder"/> as <see cref="FileName"/>, atomically.</summary>
    public void Write(string folder) => WriteFile(Path.Combine(folder, FileName));

    /// <summary>Writes the card to the file <paramref name="path"/>, atomically.</summary>
    public void WriteFile(string path) => OutputFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>The largest model.json read (a card lists class names; 1,000 ImageNet classes take about 20 KB).</summary>
    public const long MaxFileBytes = 16L << 20;

    /// <summary>Reads a card file and checks every field (<see cref="ModelCardRules"/>).</summary>
    /// <exception cref="IOException">The file is missing or cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is too large, not a model card, or a field is out of range (the
    /// message names the file and the field).</exception>
    public static ModelCard Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileInfo(path);
        if (file.Exists && file.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"{path}: {file.Length:N0} bytes is too large for a {FileName} (at most {MaxFileBytes:N0}).");
        }

        ModelCard? card;
        try
        {
            string text = File.ReadAllText(path);
            CheckVariantName(path, text);
            card = JsonSerializer.Deserialize<ModelCard>(text, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a model card ({e.Message}); docs/image-folders.md gives the format.", e);
        }

        if (card is null)
        {
            throw new InvalidDataException($"{path}: empty model card (null); docs/image-folders.md gives the format.");
        }

        IReadOnlyList<string> problems = ModelCardRules.Problems(card);
        return problems.Count == 0 ? card : throw new InvalidDataException($"{path}: {string.Join("; ", problems)}.");
    }

    /// <summary>A variant name the enum does not know gets a message that lists the known ones.</summary>
    private static void CheckVariantName(string path, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return; // the deserializer reports it
        }

        if (node is JsonObject card && card[nameof(Variant)] is JsonValue value && value.TryGetValue(out string? name)
            && !Enum.GetNames<Variant>().Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: Variant must be one of {string.Join(", ", Enum.GetNames<Variant>())}; got '{name}'.");
        }
    }

    /// <summary>
    /// The card of the model file at <paramref name="modelPath"/>: <c>model.json</c> beside it or in the folder above
    /// (a run folder's checkpoints/ sub-folder); null when neither exists.
    /// </summary>
    public static string? Find(string modelPath)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        for (int up = 0; up < 2 && folder is not null; up++, folder = Path.GetDirectoryName(folder))
        {
            string candidate = Path.Combine(folder, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
