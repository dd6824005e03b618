using System;
using System.Globalization;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Checks that class labels are in 0..K-1 before the loss sees them, so that a wrong label fails with a typed message
/// instead of LibTorch's "Target 7 is out of bounds" (which on CUDA is a device-side assert that ends the process).
/// </summary>
/// <remarks>
/// Checked on the host where the labels are, before they move to the device: every loader of the library produces
/// labels on the CPU, where a min and a max over one batch of labels cost microseconds and no device synchronisation.
/// Labels that a source already put on a GPU are not checked.
/// </remarks>
internal static class LabelRange
{
    /// <summary>Throws when <paramref name="labels"/> are not integers (floating-point, complex or bool class labels).</summary>
    /// <exception cref="ArgumentException">The labels' dtype is not an integer type.</exception>
    public static void ThrowIfNotIntegers(Tensor labels, int batch, int? epoch)
    {
        if (!labels.is_floating_point() && !labels.is_complex() && labels.dtype != ScalarType.Bool)
        {
            return;
        }

        string where = string.Create(CultureInfo.InvariantCulture, $"Batch {batch}{(epoch is null ? string.Empty : $" of epoch {epoch}")}");
        throw new ArgumentException(
            $"{where} has {labels.dtype} labels, but class labels must be integers (int64, or another integer type, which the "
            + "trainer converts). Convert them with labels.to(ScalarType.Int64).",
            "labels");
    }

    /// <summary>Throws when a label of <paramref name="labels"/> is outside 0..<paramref name="classCount"/>-1.</summary>
    /// <param name="labels">The batch's labels, as the source yielded them.</param>
    /// <param name="classCount">The width of the model's output.</param>
    /// <param name="batch">The batch's index in its epoch.</param>
    /// <param name="epoch">The epoch, or null in an evaluation.</param>
    /// <exception cref="ArgumentException">A label is negative or not less than <paramref name="classCount"/>.</exception>
    public static void ThrowIfOutOfRange(Tensor labels, long classCount, int batch, int? epoch)
    {
        if (labels.device_type != TorchSharp.DeviceType.CPU || labels.numel() == 0 || labels.is_floating_point())
        {
            return;
        }

        using var scope = NewDisposeScope();
        long smallest = labels.min().to(int64).item<long>();
        long largest = labels.max().to(int64).item<long>();
        if (smallest >= 0 && largest < classCount)
        {
            return;
        }

        long label = smallest < 0 ? smallest : largest;
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Batch {batch}{(epoch is null ? string.Empty : $" of epoch {epoch}")} has label {label}, but the model outputs {classCount} classes: labels must be from 0 to {classCount - 1}. Check the dataset's labels and the model's class count."), "labels");
    }
}
