using System;
using System.Globalization;
using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Training;

/// <summary>
/// Checks that a source yielded the batches it announces (<see cref="IBatchSource.BatchesPerEpoch"/>): an epoch with
/// no batches, or fewer than announced, is a clear error instead of metrics over nothing, a wrong schedule or a
/// resume position that does not exist.
/// </summary>
internal static class BatchCountCheck
{
    /// <summary>Throws when <paramref name="yielded"/> batches from <paramref name="startBatch"/> on fall short of the announced count.</summary>
    /// <param name="source">The source.</param>
    /// <param name="role">"training" or "validation", for the message.</param>
    /// <param name="epoch">The epoch read.</param>
    /// <param name="startBatch">The batch the epoch was read from.</param>
    /// <param name="yielded">How many batches it yielded.</param>
    /// <exception cref="InvalidOperationException">The source yielded no batch, or fewer than it announces.</exception>
    public static void ThrowIfShort(IBatchSource source, string role, int epoch, int startBatch, int yielded)
    {
        int expected = Math.Max(0, source.BatchesPerEpoch - startBatch);
        if (yielded >= expected && yielded > 0)
        {
            return;
        }

        string what = yielded == 0
            ? "no batch at all: every sample may have been skipped as unreadable (SkipUnreadable), or the source is empty. "
              + "Check the data (the samples' scan command lists the unreadable files) and the source's BatchesPerEpoch."
            : $"only {yielded}: the source's BatchesPerEpoch does not match what GetBatches yields (were samples skipped after counting?). "
              + "Fix the source so that both agree.";
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"The {role} source ({source.GetType().Name}) announces {source.BatchesPerEpoch} batches per epoch ({source.SamplesPerEpoch} samples), "
            + $"but epoch {epoch} from batch {startBatch} yielded {what}"));
    }
}
