using System;
using System.Globalization;
using System.Linq;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// Checks the deserialized metadata of a checkpoint (untrusted input) before anything uses it: required fields
/// present, counts and positions in range, the history in order, no null entries.
/// </summary>
internal static class CheckpointMetadataCheck
{
    /// <exception cref="CheckpointException">A field is missing, null or out of range; the message names it.</exception>
    public static CheckpointMetadata Checked(CheckpointMetadata m, string path, long offset)
    {
        Require(m.Library is not null, "library", "a text", "null");
        Require(m.ModelType is not null, "model_type", "a text", "null");
        Require(m.OptimizerType is not null, "optimizer_type", "a text", "null");
        AtLeastZero(m.Epoch, "epoch");
        AtLeastZero(m.Batch, "batch");
        AtLeastZero(m.GlobalStep, "global_step");
        AtLeastZero(m.BatchesPerEpoch, "batches_per_epoch");
        AtLeastZero(m.BatchSize, "batch_size");
        Require(m.BatchesPerEpoch == 0 || m.Batch <= m.BatchesPerEpoch, "batch", $"at most batches_per_epoch ({m.BatchesPerEpoch})", Text(m.Batch));
        Require(m.History is not null, "history", "a list of epochs", "null");
        Require(m.Hooks is not null, "hooks", "an object of hook states", "null");
        int previous = -1;
        for (int i = 0; i < m.History!.Count; i++)
        {
            var entry = m.History[i];
            string field = Text($"history[{i}]");
            Require(entry is not null && entry.Values is not null, field, "an epoch with values", "null");
            Require(entry!.Epoch > previous, field + ".epoch", $"an epoch after {previous}, the one before it", Text(entry.Epoch));
            AtLeastZero(entry.GlobalStep, field + ".global_step");
            previous = entry.Epoch;
        }

        var nullHook = m.Hooks!.FirstOrDefault(kv => kv.Value is null);
        Require(nullHook.Key is null, "hooks", "an object state for each hook", $"null for {CheckpointText.Quote(nullHook.Key ?? string.Empty)}");
        return m;

        void AtLeastZero(long value, string field) => Require(value >= 0, field, "a number of at least 0", Text(value));

        void Require(bool condition, string field, string expected, string found)
        {
            if (!condition)
            {
                throw new CheckpointException(path, $"the metadata field \"{field}\": expected {expected}, found {found}", offset);
            }
        }
    }

    private static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
