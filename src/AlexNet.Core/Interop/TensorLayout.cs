using System.Globalization;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// Checked 64-bit arithmetic on the shapes, strides and offsets a weights file declares, done before anything is
/// allocated or handed to LibTorch: a size that wraps, a byte count beyond 64 bits or a view reaching past its storage
/// is a <see cref="WeightsFileException"/>.
/// </summary>
internal static class TensorLayout
{
    /// <summary>The most dimensions a tensor in a weights file may have (LibTorch's own limit is 64 too).</summary>
    public const int MaxDimensions = 64;

    /// <summary>The element count of <paramref name="shape"/>, or null when a size is negative or the product overflows.</summary>
    public static long? ElementCount(long[] shape)
    {
        long count = 1;
        foreach (long size in shape)
        {
            if (size < 0 || (size > 0 && count > long.MaxValue / size))
            {
                return null;
            }

            count *= size;
        }

        return count;
    }

    /// <summary>The bytes <paramref name="count"/> elements of <paramref name="type"/> take, or null beyond 64 bits.</summary>
    public static long? ByteCount(long count, ScalarType type)
    {
        int size = TensorTypes.ElementSize(type);
        return count < 0 || count > long.MaxValue / size ? null : count * size;
    }

    /// <summary>
    /// The range of storage elements [First, End) the view <paramref name="tensor"/> reads (empty for a tensor of no
    /// elements), checked against its storage; <paramref name="key"/> names it in errors.
    /// </summary>
    public static (long First, long End) StorageRange(PickleTensor tensor, string path, string key)
    {
        long[] size = tensor.Size;
        long[] stride = tensor.Stride;
        long? count = ElementCount(size);
        if (count is null || ByteCount(count.Value, tensor.Storage.Type) is null)
        {
            throw Invalid(path, key, tensor, "its element count or byte size overflows 64 bits");
        }

        if (tensor.Offset < 0 || System.Array.Exists(stride, s => s < 0))
        {
            throw Invalid(path, key, tensor, "a negative offset or stride");
        }

        if (count == 0)
        {
            return (0, 0);
        }

        long last = tensor.Offset;
        for (int i = 0; i < size.Length; i++)
        {
            long step = size[i] - 1;
            if (stride[i] != 0 && (step > long.MaxValue / stride[i] || last > long.MaxValue - (step * stride[i])))
            {
                throw Invalid(path, key, tensor, "its last element's index overflows 64 bits");
            }

            last += step * stride[i];
        }

        if (last >= tensor.Storage.ElementCount)
        {
            throw Invalid(path, key, tensor, string.Create(CultureInfo.InvariantCulture,
                $"it reaches element {last}, beyond its storage of {tensor.Storage.ElementCount} elements"));
        }

        return (tensor.Offset, last + 1);
    }

    /// <summary>Whether <paramref name="tensor"/> is a row-major contiguous block of its storage.</summary>
    public static bool IsContiguous(PickleTensor tensor)
    {
        long expected = 1;
        for (int i = tensor.Size.Length - 1; i >= 0; i--)
        {
            if (tensor.Size[i] != 1 && tensor.Stride[i] != expected)
            {
                return false;
            }

            expected *= tensor.Size[i];
        }

        return true;
    }

    /// <summary>A shape as PyTorch prints it: [64, 3, 11, 11].</summary>
    public static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static WeightsFileException Invalid(string path, string key, PickleTensor tensor, string problem) =>
        new(path, string.Create(CultureInfo.InvariantCulture,
            $"'{key}': shape {Format(tensor.Size)} with strides {Format(tensor.Stride)} at offset {tensor.Offset} of storage {tensor.Storage.Key}: {problem}"));
}
