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

    /// <summary>
    /// Whether the last, smaller batch of an epoch is dropped. Default false. With <see cref="WorldSize"/> above 1 it
    /// also truncates the epoch to a multiple of the world size instead of padding it (see <see cref="WorldSize"/>).
    /// </summary>
    public bool DropLast { get; set; }

    /// <summary>Seed of the shuffle and of the augmentation; the same seed gives the same batches. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// Device the batches are delivered on, and on which the transforms run: "auto", "cpu", "cuda" or "cuda:N", the
    /// forms of <see cref="DeviceSpec"/> (as <c>TrainerOptions.Device</c>; a string converts to it, and configuration
    /// binds it from one). Default "cpu": the trainer moves each batch to its own device.
    /// </summary>
    public DeviceSpec Device { get; set; } = DeviceSpec.Cpu;

    /// <summary>
    /// Whether an in-memory dataset (<see cref="Datasets.ImageDataset"/>) is copied to <see cref="Device"/> once, so that
    /// batches are gathered there instead of being copied over per batch. Default false. Other datasets, such as an
    /// image folder, are read on the CPU batch by batch whatever this says; their batches are then moved to
    /// <see cref="Device"/>.
    /// </summary>
    public bool DatasetOnDevice { get; set; }

    /// <summary>
    /// Whether the loader prepares the next batch (reads it from the dataset, moves it to <see cref="Device"/> and runs
    /// the transforms) on a background thread while the consumer uses the current one; at most one batch is prepared
    /// ahead. Default null: on when <see cref="Device"/> is a GPU (the CPU is otherwise idle during a step) or when the
    /// dataset is read from storage (anything but an in-memory <see cref="Datasets.ImageDataset"/>, such as an image
    /// folder, whose decoding then overlaps the step); off for an in-memory dataset on the CPU, where a training step
    /// already uses every core and a second thread only competes with it (docs/benchmarks.md).
    /// </summary>
    public bool? Prefetch { get; set; }

    /// <summary>
    /// This process's rank among <see cref="WorldSize"/> processes that share the epochs, from 0. Default 0.
    /// </summary>
    public int Rank { get; set; }

    /// <summary>
    /// Number of processes that share each epoch; at least 1. Default 1 (the whole epoch). Above 1, each rank visits
    /// every WorldSize-th index of the epoch's order from position <see cref="Rank"/>, as PyTorch's
    /// <c>DistributedSampler</c>: the order is first padded by repeating its start to a multiple of WorldSize, or
    /// truncated to one when <see cref="DropLast"/> is set, so every rank gets the same number of images.
    /// </summary>
    public int WorldSize { get; set; } = 1;
}
