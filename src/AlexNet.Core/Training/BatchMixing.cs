using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Mixup / CutMix in the training step: mixes each batch before the forward pass and turns its labels into soft
/// targets for the soft-target cross-entropy. The draws of batch b of epoch e come from a CPU generator seeded from
/// (<see cref="TrainerOptions.Seed"/>, e, b), so they are a function of the training position that checkpoints hold:
/// a resumed run draws exactly what an uninterrupted one does, with no generator state to save.
/// </summary>
internal sealed class BatchMixing
{
    private const long Purpose = 0x4D49_5849_4E47; // "MIXING"
    private readonly BatchMixingOptions _options;
    private readonly long _seed;
    private readonly double _smoothing;

    public BatchMixing(BatchMixingOptions options, long seed, double labelSmoothing)
    {
        _options = options;
        _seed = seed;
        _smoothing = labelSmoothing;
    }

    /// <summary>The seed of the generator of batch <paramref name="batch"/> of epoch <paramref name="epoch"/>.</summary>
    public long SeedFor(int epoch, int batch) =>
        Reproducibility.StepSeed(Reproducibility.StepSeed(_seed ^ Purpose, epoch), batch);

    /// <summary>Draws the mixing of a batch N x C x H x W at (epoch, batch) and returns the mixer that applies it.</summary>
    /// <exception cref="System.ArgumentException">A min/max CutMix box has no possible side on these images.</exception>
    public BatchMixer Draw(Tensor images, int epoch, int batch)
    {
        int rows = checked((int)images.shape[0]);
        using var generator = new Generator(unchecked((ulong)SeedFor(epoch, batch)));
        var groups = BatchMixSampler.Draw(
            _options, BatchMixer.GroupCount(_options.Mode, rows), images.shape[2], images.shape[3], generator);
        return BatchMixer.ForRows(groups, _options.Mode, rows);
    }

    /// <summary>The soft targets of <paramref name="labels"/> for <paramref name="classes"/> classes under <paramref name="mixer"/>.</summary>
    public Tensor SoftTargets(BatchMixer mixer, Tensor labels, long classes) => mixer.SoftTargets(labels, classes, _smoothing);
}
