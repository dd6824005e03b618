using AlexNet.Core.Abstractions;
namespace AlexNet.Data.Loading;

/// <summary>
/// Settings of a <see cref="DataLoader"/>: plain properties with defaults, bindable from configuration (section
/// <see cref="SectionName"/>) and validated when a loader is created.
/// </summary>
public sealed class DataLoaderOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "DataLoader";

    /// <summary>Images per batch; at least 1. Default 128.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Whether each epoch visits the images in a new seeded random order. Default true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Whether the last, smaller batch of an epoch is dropped. Default false.</summary>
    public bool DropLast { get; set; }

    /// <summary>Seed of the shuffle and of the augmentation; the same seed gives the same batches. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// Device the batches are delivered on, and on which the transforms run: "auto", "cpu", "cuda" or "cuda:N", the
    /// forms of <see cref="AlexNet.Core.Abstractions.DeviceSpec"/> (as <c>TrainerOptions.Device</c>). Default "cpu":
    /// the trainer moves each batch to its own device.
    /// </summary>
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// Whether the (uint8) dataset is copied to <see cref="Device"/> once, so that batches are gathered there instead of
    /// being copied over per batch. Default false.
    /// </summary>
    public bool DatasetOnDevice { get; set; }

    /// <summary>
    /// Whether the next batch is prepared on a background thread while the current one is used. Default null: on when
    /// <see cref="Device"/> is a GPU (the CPU is otherwise idle during a step), off on the CPU, where a training step
    /// already uses every core and a second thread only competes with it (measured on 2 cores: +7 to +10 % per step
    /// with prefetch, within noise without; see docs/benchmarks.md).
    /// </summary>
    public bool? Prefetch { get; set; }
}
