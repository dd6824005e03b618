using System;
using System.Text.Json;
using AlexNet.Core.Checkpoints;

namespace AlexNet.Core.Training;

/// <summary>Reads the trainer's part of a <see cref="CheckpointInfo"/>.</summary>
internal static class CheckpointInfoExtensions
{
    /// <summary>The options of the run that wrote the checkpoint.</summary>
    public static TrainerOptions ReadOptions(this CheckpointInfo checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return JsonSerializer.Deserialize<TrainerOptions>(checkpoint.OptionsJson, CheckpointMetadata.JsonOptions) ?? new TrainerOptions();
    }
}
