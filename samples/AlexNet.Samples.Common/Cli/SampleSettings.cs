using AlexNet.Core.Precision;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>What a sample run was asked to do: the recipe and the command line's overrides, every value resolved.</summary>
public sealed record SampleSettings
{
    /// <summary>The recipe.</summary>
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

    /// <summary>"32-true", "bf16-mixed" or "16-mixed" (the recipe's unless <c>--precision</c> was given).</summary>
    public string Precision { get; init; } = AlexNet.Core.Precision.TrainingPrecision.True32;

    /// <summary>The run's output folder.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Where the dataset is.</summary>
    public required string DataPath { get; init; }

    /// <summary>True when <c>--data</c> was given (a missing explicit path is an error, never replaced by synthetic data).</summary>
    public bool DataPathGiven { get; init; }

    /// <summary>Train on generated data instead of the real dataset (<c>--synthetic</c>).</summary>
    public bool Synthetic { get; init; }

    /// <summary>Download a missing dataset into <see cref="DataPath"/> (<c>--download</c>).</summary>
    public bool Download { get; init; }

    /// <summary>Seed of the weights, the subsets, the shuffling and the augmentation.</summary>
    public long Seed { get; init; }

    /// <summary>Continue the run in <see cref="OutputDirectory"/> from its <c>checkpoints/last.ckpt</c> (<c>--resume</c>).</summary>
    public bool Resume { get; init; }
}
