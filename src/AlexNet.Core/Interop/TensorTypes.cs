using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>The element types weights files can hold, with their names in PyTorch's pickles and in safetensors.</summary>
internal static class TensorTypes
{
    private static readonly (ScalarType Type, string Storage, string SafeTensors, int Size)[] Table =
    {
        (ScalarType.Float32, "FloatStorage", "F32", 4),
        (ScalarType.Float64, "DoubleStorage", "F64", 8),
        (ScalarType.Float16, "HalfStorage", "F16", 2),
        (ScalarType.BFloat16, "BFloat16Storage", "BF16", 2),
        (ScalarType.Int64, "LongStorage", "I64", 8),
        (ScalarType.Int32, "IntStorage", "I32", 4),
        (ScalarType.Int16, "ShortStorage", "I16", 2),
        (ScalarType.Int8, "CharStorage", "I8", 1),
        (ScalarType.Byte, "ByteStorage", "U8", 1),
        (ScalarType.Bool, "BoolStorage", "BOOL", 1),
    };

    /// <summary>The storage class names PyTorch pickles (torch.FloatStorage, ...), for error messages.</summary>
    public static IEnumerable<string> StorageNames => Table.Select(t => t.Storage);

    /// <summary>The dtype names safetensors uses (F32, ...), for error messages.</summary>
    public static IEnumerable<string> SafeTensorsNames => Table.Select(t => t.SafeTensors);

    public static ScalarType? FromStorageName(string name) => Find(t => t.Storage == name)?.Type;

    public static ScalarType? FromSafeTensorsName(string name) => Find(t => t.SafeTensors == name)?.Type;

    public static string StorageName(ScalarType type) => Get(type).Storage;

    public static string SafeTensorsName(ScalarType type) => Get(type).SafeTensors;

    public static int ElementSize(ScalarType type) => Get(type).Size;

    /// <summary>Whether <paramref name="type"/> is a floating-point type (the only ones a load converts between).</summary>
    public static bool IsFloatingPoint(ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    private static (ScalarType Type, string Storage, string SafeTensors, int Size)? Find(
        Func<(ScalarType Type, string Storage, string SafeTensors, int Size), bool> match)
    {
        foreach (var entry in Table)
        {
            if (match(entry))
            {
                return entry;
            }
        }

        return null;
    }

    private static (ScalarType Type, string Storage, string SafeTensors, int Size) Get(ScalarType type) =>
        Find(t => t.Type == type)
        ?? throw new NotSupportedException($"Tensors of {type} cannot be saved to a weights file; supported: {string.Join(", ", Table.Select(t => t.Type))}.");
}
