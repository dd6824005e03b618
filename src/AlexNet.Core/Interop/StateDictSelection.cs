using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AlexNet.Core.Interop;

/// <summary>
/// Finds the state dict in a weights file's object tree: the top-level dict when it holds only tensors; the dict under
/// <see cref="WeightLoadOptions.StateDictKey"/> when given; otherwise the one entry that is a dict of tensors (a
/// training checkpoint such as <c>{'net': state_dict, 'acc': 0.9, 'epoch': 3}</c>), with a note. Values outside the
/// state dict are never read. Also strips <c>nn.DataParallel</c>'s <c>module.</c> prefix (<see cref="StripDataParallelPrefix"/>).
/// </summary>
internal sealed class StateDictSelection
{
    private const string DataParallelPrefix = "module.";

    private bool _prefixStripped;

    private StateDictSelection(List<KeyValuePair<string, PickleTensor>> entries, PickleDict? metadata, List<string> notes)
    {
        Entries = entries;
        Metadata = metadata;
        Notes = notes;
    }

    /// <summary>The state dict's tensors, in file order.</summary>
    public List<KeyValuePair<string, PickleTensor>> Entries { get; private set; }

    /// <summary>The state dict's <c>_metadata</c> (module versions), when the file has it.</summary>
    public PickleDict? Metadata { get; }

    /// <summary>What was done that the user should know of (a state dict taken from a key, a prefix stripped).</summary>
    public List<string> Notes { get; }

    public static StateDictSelection Select(WeightsFileContents contents, string? stateDictKey)
    {
        string path = contents.Path, entry = contents.RootEntry;
        if (contents.Root is not PickleDict root)
        {
            throw new WeightsFileException(path, $"{entry}: expected a state dict (a dict of tensors); found {Describe(contents.Root)}");
        }

        var notes = new List<string>();
        PickleDict dict = root;
        if (stateDictKey is not null)
        {
            dict = root.Get(stateDictKey) as PickleDict ?? throw new WeightsFileException(path,
                $"{entry}: WeightLoadOptions.StateDictKey is '{stateDictKey}', but the file's top-level dict has {DescribeEntry(root, stateDictKey)}; "
                + $"its keys: {Keys(root)}");
            notes.Add($"The state dict was read from the file's entry '{stateDictKey}' (WeightLoadOptions.StateDictKey).");
        }
        else if (!root.Entries.All(e => e.Value is PickleTensor))
        {
            var candidates = root.Entries
                .Where(e => e.Key is string && e.Value is PickleDict { Count: > 0 } d && d.Entries.All(i => i.Value is PickleTensor))
                .ToList();
            if (candidates.Count > 1)
            {
                throw new WeightsFileException(path,
                    $"{entry}: a checkpoint holding several dicts of tensors ({Keys(candidates)}): set WeightLoadOptions.StateDictKey to the one to load");
            }

            if (candidates.Count == 1)
            {
                string key = (string)candidates[0].Key!;
                dict = (PickleDict)candidates[0].Value!;
                string others = Keys(root.Entries.Where(e => !Equals(e.Key, key)).ToList());
                notes.Add($"The file is a checkpoint; the state dict was read from its entry '{key}' and its other entries ({others}) were ignored.");
            }
        }

        var entries = new List<KeyValuePair<string, PickleTensor>>(dict.Count);
        foreach (var (key, value) in dict.Entries)
        {
            string name = key as string ?? throw new WeightsFileException(path, $"{entry}: a state-dict key is {Describe(key)}, not a string");
            if (value is not PickleTensor tensor)
            {
                throw new WeightsFileException(path, $"{entry}: the value of '{name}' is {Describe(value)}, not a tensor"
                    + (ReferenceEquals(dict, root) ? " (for a checkpoint whose state dict is under a key, set WeightLoadOptions.StateDictKey)" : string.Empty));
            }

            entries.Add(new KeyValuePair<string, PickleTensor>(name, tensor));
        }

        return new StateDictSelection(entries, dict.Metadata, notes);
    }

    /// <summary>
    /// Strips <c>module.</c> from every key when every key has it and no key of <paramref name="modelKeys"/> does (a
    /// state dict saved from <c>nn.DataParallel</c> or <c>DistributedDataParallel</c>), as PyTorch users do by hand.
    /// </summary>
    public void StripDataParallelPrefix(ICollection<string> modelKeys)
    {
        if (Entries.Count == 0 || !Entries.All(e => e.Key.StartsWith(DataParallelPrefix, StringComparison.Ordinal))
            || modelKeys.Any(k => k.StartsWith(DataParallelPrefix, StringComparison.Ordinal)))
        {
            return;
        }

        Entries = Entries.Select(e => new KeyValuePair<string, PickleTensor>(e.Key[DataParallelPrefix.Length..], e.Value)).ToList();
        _prefixStripped = true;
        Notes.Add("Every key started with 'module.' (a state dict saved from nn.DataParallel or DistributedDataParallel): the prefix was stripped.");
    }

    /// <summary>The <c>_metadata</c> version of the module at <paramref name="prefix"/> (without its trailing dot), as PyTorch reads it.</summary>
    public long? VersionOf(string prefix) =>
        (Metadata?.Get(_prefixStripped ? DataParallelPrefix + prefix : prefix) as PickleDict)?.Get("version") as long?;

    private static string Keys(IEnumerable<KeyValuePair<object?, object?>> entries)
    {
        var names = entries.Select(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture)).ToList();
        return string.Join(", ", names.Take(10).Select(k => $"'{k}'")) + (names.Count > 10 ? $", ... ({names.Count} in all)" : string.Empty);
    }

    private static string Keys(PickleDict dict) => Keys(dict.Entries);

    private static string DescribeEntry(PickleDict root, string key) =>
        root.Entries.Any(e => Equals(e.Key, key)) ? $"{Describe(root.Get(key))} there, not a dict" : "no such key";

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{s}'",
        long or double or bool or System.Numerics.BigInteger => $"the number {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        PickleDict => "a dict",
        PickleOpaque o => $"a {o.TypeName} value",
        PickleTensor => "a tensor",
        object?[] => "a tuple",
        List<object?> => "a list",
        _ => value.GetType().Name,
    };
}
