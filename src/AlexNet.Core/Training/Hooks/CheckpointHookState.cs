using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Checkpoints;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// <see cref="CheckpointHook"/>'s state as a checkpoint stores it (best value and epoch, snapshot file names), read as
/// untrusted input: every field is checked for its type and range, and every snapshot must be a bare file name of
/// the hook's own form (<see cref="SnapshotName"/>), never a path.
/// </summary>
internal sealed record CheckpointHookState(double? BestValue, int? BestEpoch, IReadOnlyList<string> Snapshots)
{
    /// <summary>Reads and checks the state that <paramref name="checkpoint"/> holds.</summary>
    /// <exception cref="CheckpointException">A field has the wrong type or range, or a snapshot name is not a bare snapshot file name.</exception>
    public static CheckpointHookState Read(JsonObject state, string checkpoint)
    {
        double? bestValue = Number<double>(state, "best_value", checkpoint);
        int? bestEpoch = Number<int>(state, "best_epoch", checkpoint);
        if (bestEpoch < 0)
        {
            throw Problem(checkpoint, "best_epoch", "an epoch number of at least 0", bestEpoch.Value.ToString(CultureInfo.InvariantCulture));
        }

        var snapshots = new List<string>();
        var node = state["snapshots"];
        if (node is not null and not JsonArray)
        {
            throw Problem(checkpoint, "snapshots", "a list of snapshot file names", $"a JSON {node.GetValueKind()}");
        }

        int index = 0;
        foreach (var item in node as JsonArray ?? new JsonArray())
        {
            string field = string.Create(CultureInfo.InvariantCulture, $"snapshots[{index}]");
            if (item is not JsonValue value || !value.TryGetValue(out string? name))
            {
                throw Problem(checkpoint, field, "a snapshot file name", item is null ? "null" : $"a JSON {item.GetValueKind()}");
            }

            if (!SnapshotName.IsSnapshotName(name) || snapshots.Contains(name))
            {
                string found = snapshots.Contains(name) ? $"{CheckpointText.Quote(name)} a second time" : CheckpointText.Quote(name);
                string expected = $"a bare file name of the form {SnapshotName.Pattern} in the checkpoint's folder (no folder, no \"..\")";
                throw Problem(checkpoint, field, expected, found);
            }

            snapshots.Add(name);
            index++;
        }

        return new CheckpointHookState(bestValue, bestEpoch, snapshots);
    }

    private static T? Number<T>(JsonObject state, string field, string checkpoint)
        where T : struct
    {
        var node = state[field];
        if (node is null)
        {
            return null;
        }

        try
        {
            if (node is JsonValue value && value.TryGetValue(out T number))
            {
                return number;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or JsonException)
        {
            // reported below
        }

        string expected = typeof(T) == typeof(int) ? "a whole number" : "a number";
        throw Problem(checkpoint, field, expected, $"a JSON {node.GetValueKind()} {CheckpointText.Quote(node.ToJsonString())}");
    }

    private static CheckpointException Problem(string checkpoint, string field, string expected, string found) =>
        new(checkpoint, $"CheckpointHook state, field \"{field}\": expected {expected}, found {found}");
}
