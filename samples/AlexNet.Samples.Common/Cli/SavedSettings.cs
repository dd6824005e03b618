using System;
using System.IO;
using System.Text.Json;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Precision;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// The settings of a run as stored in its folder (<c>settings.json</c>), so that <c>--resume FOLDER</c> continues
/// it with the same recipe, data, subsets, batch size and seed: the same batches in the same order.
/// </summary>
public sealed record SavedSettings
{
    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "settings.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The recipe's name.</summary>
    public required string Recipe { get; init; }

    /// <summary>See <see cref="SampleSettings.Epochs"/>.</summary>
    public required int Epochs { get; init; }

    /// <summary>See <see cref="SampleSettings.BatchSize"/>.</summary>
    public required int BatchSize { get; init; }

    /// <summary>See <see cref="SampleSettings.TrainSubset"/>.</summary>
    public int? TrainSubset { get; init; }

    /// <summary>See <see cref="SampleSettings.TestSubset"/>.</summary>
    public int? TestSubset { get; init; }

    /// <summary>See <see cref="SampleSettings.LearningRate"/>.</summary>
    public required double LearningRate { get; init; }

    /// <summary>See <see cref="SampleSettings.Device"/>.</summary>
    public required string Device { get; init; }

    /// <summary>See <see cref="SampleSettings.Precision"/>; null in settings written before the option existed (float32).</summary>
    public string? Precision { get; init; }

    /// <summary>The dataset location, as a full path.</summary>
    public required string DataPath { get; init; }

    /// <summary>See <see cref="SampleSettings.DataPathGiven"/>.</summary>
    public bool DataPathGiven { get; init; }

    /// <summary>See <see cref="SampleSettings.Synthetic"/>.</summary>
    public bool Synthetic { get; init; }

    /// <summary>See <see cref="SampleSettings.Seed"/>.</summary>
    public long Seed { get; init; }

    /// <summary>The stored form of <paramref name="settings"/>.</summary>
    public static SavedSettings From(SampleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SavedSettings
        {
            Recipe = settings.Recipe.Name,
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            TrainSubset = settings.TrainSubset,
            TestSubset = settings.TestSubset,
            LearningRate = settings.LearningRate,
            Device = settings.Device,
            Precision = settings.Precision,
            DataPath = Path.GetFullPath(settings.DataPath),
            DataPathGiven = settings.DataPathGiven,
            Synthetic = settings.Synthetic,
            Seed = settings.Seed,
        };
    }

    /// <summary>Writes <paramref name="settings"/> into <paramref name="folder"/>, atomically.</summary>
    public static void Write(string folder, SampleSettings settings) =>
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(From(settings), Json));

    /// <summary>Reads the settings stored in <paramref name="folder"/>.</summary>
    /// <exception cref="IOException">The file is missing or not the settings of a run.</exception>
    public static SavedSettings Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        try
        {
            return JsonSerializer.Deserialize<SavedSettings>(File.ReadAllText(path), Json)
                ?? throw new IOException($"{path}: empty run settings.");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path}: not the settings of a sample run ({e.Message}).", e);
        }
    }

    /// <summary>
    /// The settings to resume the run in <paramref name="folder"/> with, optionally with more epochs or another device.
    /// </summary>
    /// <exception cref="IOException">The stored recipe is unknown.</exception>
    public SampleSettings ToResumeSettings(string folder, int? epochs, string? device) => new()
    {
        Recipe = RecipeCatalogue.Find(Recipe) ?? throw new IOException($"{Path.Combine(folder, FileName)}: unknown recipe '{Recipe}'."),
        Epochs = epochs ?? Epochs,
        BatchSize = BatchSize,
        TrainSubset = TrainSubset,
        TestSubset = TestSubset,
        LearningRate = LearningRate,
        Device = device ?? Device,
        Precision = Precision ?? AlexNet.Core.Precision.TrainingPrecision.True32,
        OutputDirectory = folder,
        DataPath = DataPath,
        DataPathGiven = DataPathGiven,
        Synthetic = Synthetic,
        Seed = Seed,
        Resume = true,
    };
}
