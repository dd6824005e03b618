using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Distributed;

namespace AlexNet.Core.Training;

/// <summary>
/// What every process of a distributed run must agree on before training (model, options, dataset sizes, resume
/// position), as named 64-bit values: hashes of descriptions, or the numbers themselves. All processes gather all
/// values; any difference from rank 0 refuses the run on every process with a message naming it.
/// </summary>
internal static class RankAgreement
{
    /// <summary>A stable 64-bit FNV-1a hash of <paramref name="text"/> (the same in every process, unlike string hashes).</summary>
    public static long Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    /// <summary>
    /// What the processes must agree on for a fit of <paramref name="context"/>'s model over <paramref name="train"/>
    /// and <paramref name="validation"/>: the model's type and tensors, each option section except the devices (each
    /// process may use its own GPU), the sources' sizes and the position the fit starts from.
    /// </summary>
    public static IReadOnlyList<(string Name, long Value, bool IsNumber)> Items(TrainerContext context, IBatchSource train, IBatchSource? validation)
    {
        var model = context.Model;
        var tensors = string.Join(";", model.state_dict().Select(kv => $"{kv.Key}:{kv.Value.dtype}[{string.Join(",", kv.Value.shape)}]"));
        var items = new List<(string, long, bool)>
        {
            ("the model type", Hash(model.GetType().FullName ?? model.GetType().Name), false),
            ("the model's parameters and buffers (names, shapes, types)", Hash(tensors), false),
        };
        var options = JsonSerializer.SerializeToNode(context.Options, CheckpointMetadata.JsonOptions)!.AsObject();
        foreach (var (name, value) in options)
        {
            if (name is not ("device" or "devices"))
            {
                items.Add(($"TrainerOptions {name}", Hash(value?.ToJsonString() ?? "null"), false));
            }
        }

        items.Add(("training batches per epoch", train.BatchesPerEpoch, true));
        items.Add(("training samples per epoch", train.SamplesPerEpoch, true));
        items.Add(("validation batches per epoch", validation?.BatchesPerEpoch ?? -1, true));
        items.Add(("validation samples per epoch", validation?.SamplesPerEpoch ?? -1, true));
        items.Add(("the global step the fit starts from", context.State.GlobalStep, true));
        return items;
    }

    /// <summary>Gathers <paramref name="items"/> from every process and throws on any difference.</summary>
    /// <param name="collectives">The processes.</param>
    /// <param name="items">Name, value, and whether the value is a number to show (else a hash).</param>
    /// <exception cref="InvalidOperationException">A process differs from rank 0 (the message names each difference).</exception>
    public static void ThrowIfRanksDiffer(ICollectives collectives, IReadOnlyList<(string Name, long Value, bool IsNumber)> items)
    {
        long[] all = collectives.AllGather(items.Select(i => i.Value).ToArray());
        var differences = new List<string>();
        for (int rank = 1; rank < collectives.WorldSize; rank++)
        {
            for (int i = 0; i < items.Count; i++)
            {
                long rootValue = all[i];
                long value = all[(rank * items.Count) + i];
                if (value != rootValue)
                {
                    differences.Add(items[i].IsNumber
                        ? $"{items[i].Name}: rank 0 has {rootValue}, rank {rank} has {value}"
                        : $"{items[i].Name} differs between rank 0 and rank {rank}");
                }
            }
        }

        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {collectives.WorldSize} processes of this distributed run disagree, so it cannot start: {string.Join("; ", differences)}. "
                + "Every rank must build the same model with the same options over a dataset of the same size.");
        }
    }
}
