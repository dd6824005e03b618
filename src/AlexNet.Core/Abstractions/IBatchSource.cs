using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// A repeatable, resumable source of mini-batches: the seam between data loading (AlexNet.Data's DataLoader,
/// or any user code) and training (the <c>Trainer</c>).
/// </summary>
/// <remarks>
/// <para>A source is deterministic in (epoch, batch index): for the same configuration and seed,
/// <c>GetBatches(e, k)</c> yields exactly the batches that <c>GetBatches(e, 0)</c> yields from its k-th on
/// (same images, same order, same random augmentation). The position of a run is therefore just
/// (epoch, batch index), which the trainer stores in its checkpoints to resume mid-epoch.</para>
/// <para>Each yielded <see cref="Batch"/> is owned by the caller, who disposes it (see <see cref="Batch"/>).</para>
/// </remarks>
public interface IBatchSource
{
    /// <summary>Number of batches one epoch yields.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Number of samples one epoch yields (the sum of the batch sizes).</summary>
    long SamplesPerEpoch { get; }

    /// <summary>Yields the batches of <paramref name="epoch"/> (0-based), starting at batch <paramref name="startBatch"/>.</summary>
    IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0);

    /// <summary>
    /// The number of samples batch <paramref name="batchIndex"/> of <paramref name="epoch"/> holds. The default makes the
    /// batch and counts it; a source that knows the count without reading data (AlexNet.Data's <c>DataLoader</c> over an
    /// in-memory dataset) answers without it.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">The source yields no batch at <paramref name="batchIndex"/>.</exception>
    long CountSamples(int epoch, int batchIndex)
    {
        using Batch? batch = GetBatches(epoch, batchIndex).FirstOrDefault();
        return batch?.Count ?? throw new System.InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The source ({GetType().Name}) announces {BatchesPerEpoch} batches per epoch, but GetBatches({epoch}, {batchIndex}) yielded no batch: "
            + $"every sample may have been skipped as unreadable, or the source's BatchesPerEpoch is wrong."));
    }
}
