using System;
using System.Collections.Generic;
using System.Linq;

namespace AlexNet.Core.Interop;

// What the restricted unpickler accepts: the globals a pickle names (GLOBAL, STACK_GLOBAL), the persistent ids of
// tensor storages (BINPERSID) and the calls it rebuilds (REDUCE), each into the objects of PickleObjects.cs; nothing
// else, and no code is run.
internal sealed partial class PickleReader
{
    private static readonly HashSet<string> TensorRebuilders = new(StringComparer.Ordinal)
    {
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_parameter",
    };

    /// <summary>
    /// Data types a training checkpoint may hold beside its state dict (numpy scalars such as a best accuracy): read as
    /// <see cref="PickleOpaque"/> placeholders, never called, never taken as tensors.
    /// </summary>
    private static readonly HashSet<string> OpaqueData = new(StringComparer.Ordinal)
    {
        "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar",
        "numpy.dtype",
        "_codecs.encode",
    };

    private object Global(string module, string name, int at)
    {
        string full = $"{module}.{name}";
        bool allowed = full == "collections.OrderedDict"
                       || TensorRebuilders.Contains(full)
                       || OpaqueData.Contains(full)
                       || (module == "torch" && TensorTypes.FromStorageName(name) is not null);
        if (!allowed)
        {
            throw Error($"the pickle refers to the Python object {full}, which a state dict of tensors does not contain (only collections.OrderedDict, "
                        + "torch._utils._rebuild_tensor_v2, torch.*Storage and numpy scalars are read; no code is run). In PyTorch, save the tensors alone: "
                        + "torch.save(model.state_dict(), path) (for a whole model object or a checkpoint holding other objects, "
                        + "torch.save(checkpoint['<key of the state dict>'], path))", at);
        }

        return new PickleGlobal(module, name);
    }

    private PickleStorage PersistentLoad(object? pid, int at)
    {
        // ('storage', torch.FloatStorage, key, location, count), plus view metadata (None) in the legacy format
        if (pid is object?[] { Length: 5 or 6 } t && t[0] as string == "storage" && t[1] is PickleGlobal type
            && t[2] is string key && t[4] is long count && TensorTypes.FromStorageName(type.Name) is { } scalarType)
        {
            if (count < 0)
            {
                throw Error(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"storage {key} has {count} elements"), at);
            }

            if (t.Length == 6 && t[5] is not null)
            {
                throw Error($"storage {key} is a view of another storage (files of PyTorch before 0.4); load the file in PyTorch and save it again with torch.save(model.state_dict(), path)", at);
            }

            return new PickleStorage(key, scalarType, count);
        }

        throw Error("a persistent id is not ('storage', torch.<Type>Storage, key, location, count)", at);
    }

    private object Reduce(object? callable, object?[] args, int at)
    {
        if (callable is not PickleGlobal function)
        {
            throw Error("REDUCE calls something that is not an accepted global", at);
        }

        string name = function.ToString();
        if (name == "collections.OrderedDict")
        {
            return new PickleDict();
        }

        if (OpaqueData.Contains(name))
        {
            return new PickleOpaque(name);
        }

        if (name == "torch._utils._rebuild_parameter")
        {
            return args.Length >= 1 && args[0] is PickleTensor p ? p : throw Error("_rebuild_parameter without a tensor", at);
        }

        if (TensorRebuilders.Contains(name) && args.Length >= 4 && args[0] is PickleStorage storage
            && args[1] is long offset && args[2] is object?[] size && args[3] is object?[] stride)
        {
            if (size.Length != stride.Length || size.Length > TensorLayout.MaxDimensions)
            {
                throw Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"a tensor of storage {storage.Key} has {size.Length} sizes and {stride.Length} strides "
                    + $"(at most {TensorLayout.MaxDimensions}, as many of each)"), at);
            }

            return new PickleTensor(storage, offset, Longs(size, at), Longs(stride, at));
        }

        throw Error($"cannot rebuild {name} from {args.Length} arguments", at);
    }

    private long[] Longs(object?[] items, int at) =>
        items.Select(i => i as long? ?? throw Error("a tensor size or stride is not a tuple of integers", at)).ToArray();
}
