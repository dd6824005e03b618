using System.Text.Json;
using System.Text.Json.Serialization;
using AlexNet.Core.Precision;
using AlexNet.Samples.Common.Outputs;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// What a sample run was asked to do: the recipe and the command line's overrides, every value resolved. The run
/// stores it in its folder (<see cref="FileName"/>, without the output folder and the one-off switches) so that
/// <c>--resume FOLDER</c> continues it with the same recipe, data, subsets, batch size and seed: the same batches in
/// the same order.
/// </summary>
public sealed record SampleSettings
{
    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "settings.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The recipe (stored by name).</summary>
    [JsonConverter(typeof(RecipeNameJsonConverter))]
    public required Recipe Recipe { get; init; }

    /// <summary>Training epochs (the recipe's unless <c>--epochs</c> was given).</summary>
    public required int Epochs { get; init; }

    /// <summary>Images per training batch (the recipe's unless <c>--batch-size</c> was given).</summary>
    public required int BatchSize { get; init; }

    /// <summary>Training images used (a seeded random subset), or null for all.</summary>
    public int? TrainSubset { get; init; }

    /// <summary>Test images used (a seeded random subset), or null for all.</summary>
    public int? TestSubset { get; init; }

    /// <summary>The initial learning rate (the recipe's unless <c>--lr</c> was given).</summary>
    public required double LearningRate { get; init; }

    /// <summary>"auto", "cpu", "cuda" or "cuda:N".</summary>
    public required string Device { get; init; }

    /// <summary>"32-true", "bf16-mixed" or "16-mixed" (the recipe's unless <c>--precision</c> was given; float32 in settings stored before the option existed).</summary>
    public string Precision { get; init; } = TrainingPrecision.True32.ToString();

    /// <summary>The run's output folder (not stored: the folder is where the settings are).</summary>
    [JsonIgnore]
    public string OutputDirectory { get; init; } = string.Empty;

    /// <summary>Where the dataset is (stored as a full path).</summary>
    public required string DataPath { get; init; }

    /// <summary>True when <c>--data</c> was given (a missing explicit path is an error, never replaced by synthetic data).</summary>
    public bool DataPathGiven { get; init; }

    /// <summary>Train on generated data instead of the real dataset (<c>--synthetic</c>).</summary>
    public bool Synthetic { get; init; }

    /// <summary>Download a missing dataset into <see cref="DataPath"/> (<c>--download</c>; not stored).</summary>
    [JsonIgnore]
    public bool Download { get; init; }

    /// <summary>Seed of the weights, the subsets, the shuffling and the augmentation.</summary>
    public long Seed { get; init; }

    /// <summary>The recipe parts added on the command line (warmup, label smoothing, clipping, accumulation, EMA, range test).</summary>
    public TrainingParts Parts { get; init; } = new();

    /// <summary>TrivialAugmentWide, RandomErasing and mixup / CutMix (the recipe's with the command line's overrides; none in settings stored before they existed).</summary>
    public RecipeAugmentation Augmentation { get; init; } = RecipeAugmentation.None;

    /// <summary>Continue the run in <see cref="OutputDirectory"/> from its <c>checkpoints/last.ckpt</c> (<c>--resume</c>; not stored).</summary>
    [JsonIgnore]
    public bool Resume { get; init; }

    /// <summary>Reads the settings stored in <paramref name="folder"/>.</summary>
    /// <exception cref="IOException">The file is missing or not the settings of a run (an unknown recipe, say).</exception>
    public static SampleSettings Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        try
        {
            return JsonSerializer.Deserialize<SampleSettings>(File.ReadAllText(path), Json)
                ?? throw new IOException($"{path}: empty run settings.");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path}: not the settings of a sample run ({e.Message}).", e);
        }
    }

    /// <summary>Writes these settings into <paramref name="folder"/>, atomically, with <see cref="DataPath"/> as a full path.</summary>
    public void Write(string folder) =>
        OutputFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this with { DataPath = Path.GetFullPath(DataPath) }, Json));

    /// <summary>These settings to continue the run in <paramref name="folder"/> with, optionally with more epochs or another device.</summary>
    public SampleSettings ForResume(string folder, int? epochs, string? device) =>
        this with { OutputDirectory = folder, Epochs = epochs ?? Epochs, Device = device ?? Device, Resume = true };
}
