using System.Collections.Generic;

namespace AlexNet.Core.Interop;

/// <summary>A class or function a pickle names (GLOBAL): only a fixed list is accepted, and none is ever called.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>
/// A value of an accepted data type that is not rebuilt (a numpy scalar or dtype in a training checkpoint): kept as a
/// placeholder naming its type, never called, and never part of a state dict.
/// </summary>
internal sealed record PickleOpaque(string TypeName);

/// <summary>A tensor storage a PyTorch pickle refers to by persistent id: the file <c>data/Key</c> in the archive.</summary>
internal sealed record PickleStorage(string Key, TorchSharp.torch.ScalarType Type, long ElementCount);

/// <summary>A tensor a PyTorch pickle rebuilds (<c>torch._utils._rebuild_tensor_v2</c>) from a view of a storage.</summary>
internal sealed record PickleTensor(PickleStorage Storage, long Offset, long[] Size, long[] Stride);

/// <summary>
/// A Python dict or OrderedDict, entries in file order; setting a key that is already there replaces its value in
/// constant time, as Python does.
/// </summary>
internal sealed class PickleDict
{
    private static readonly object NoneKey = new();

    private readonly List<KeyValuePair<object?, object?>> _entries = new();
    private readonly Dictionary<object, int> _index = new();

    /// <summary>The entries, in the order their keys were first set.</summary>
    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => _entries;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The state dict's <c>_metadata</c> (module prefix to <c>{'version': n}</c>), when a BUILD gave it one.</summary>
    public PickleDict? Metadata { get; set; }

    /// <summary>Sets <paramref name="key"/> (strings, numbers and None compare by value, other keys by identity).</summary>
    public void Set(object? key, object? value)
    {
        object indexKey = key ?? NoneKey;
        if (_index.TryGetValue(indexKey, out int at))
        {
            _entries[at] = new KeyValuePair<object?, object?>(key, value);
        }
        else
        {
            _index[indexKey] = _entries.Count;
            _entries.Add(new KeyValuePair<object?, object?>(key, value));
        }
    }

    /// <summary>The value under <paramref name="key"/>, or null when there is none.</summary>
    public object? Get(object? key) => _index.TryGetValue(key ?? NoneKey, out int at) ? _entries[at].Value : null;
}
