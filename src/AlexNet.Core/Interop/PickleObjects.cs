using System.Collections.Generic;

namespace AlexNet.Core.Interop;

/// <summary>A class or function a pickle names (GLOBAL): only a fixed list is accepted, and none is ever called.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A tensor storage a PyTorch pickle refers to by persistent id: the file <c>data/Key</c> in the archive.</summary>
internal sealed record PickleStorage(string Key, TorchSharp.torch.ScalarType Type, long ElementCount);

/// <summary>A tensor a PyTorch pickle rebuilds (<c>torch._utils._rebuild_tensor_v2</c>) from a view of a storage.</summary>
internal sealed record PickleTensor(PickleStorage Storage, long Offset, long[] Size, long[] Stride);

/// <summary>A Python dict or OrderedDict, entries in file order.</summary>
internal sealed class PickleDict : List<KeyValuePair<object?, object?>>
{
}
