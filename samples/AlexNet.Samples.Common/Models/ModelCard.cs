using System.Text.Json;
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

    /// <summary>Writes the card into <paramref name="folder"/>, atomically.</summary>
    public void Write(string folder) => OutputFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a card file.</summary>
    /// <exception cref="IOException">The file is missing or not a model card.</exception>
    public static ModelCard Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json) ?? throw new IOException($"{path}: empty model card.");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path}: not a model card ({e.Message}).", e);
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
