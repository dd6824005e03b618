using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// What a load will do, decided from the file's keys, shapes and element types alone, before any tensor is read: the
/// keys to copy, the <c>num_batches_tracked</c> buffers to set to 0 as PyTorch does when a file predates them, and the
/// head to re-initialise. Any mismatch is a <see cref="StateDictMismatchException"/> raised here, so nothing is read
/// or copied.
/// </summary>
internal sealed class WeightLoadPlan
{
    private const string BatchCounter = ".num_batches_tracked";

    private WeightLoadPlan(List<string> copied, List<string> zeroed, List<string> head, List<string> ignored)
    {
        Copied = copied;
        Zeroed = zeroed;
        Head = head;
        Ignored = ignored;
    }

    /// <summary>The keys copied from the file (the file's tensors to read).</summary>
    public List<string> Copied { get; }

    /// <summary>Batch-norm counters missing from the file, set to 0 as PyTorch's <c>_load_from_state_dict</c> does.</summary>
    public List<string> Zeroed { get; }

    /// <summary>The model's head keys, re-initialised.</summary>
    public List<string> Head { get; }

    /// <summary>The file's head keys, not read.</summary>
    public List<string> Ignored { get; }

    /// <param name="model">The model to load into.</param>
    /// <param name="file">The file's keys with their shapes and element types.</param>
    /// <param name="versionOf">The <c>_metadata</c> version of the module at a prefix, or null where the file has none.</param>
    /// <param name="source">Names the file in errors.</param>
    /// <param name="options">The load's options.</param>
    public static WeightLoadPlan Make(AlexNetModel model, IReadOnlyDictionary<string, (long[] Shape, ScalarType Type)> file,
        Func<string, long?> versionOf, string source, WeightLoadOptions options)
    {
        Dictionary<string, Tensor> target = model.state_dict();
        HashSet<string> headKeys = TransferLearning.HeadKeys(model);
        HashSet<string> head = options.ReplaceHead ? headKeys : new HashSet<string>(StringComparer.Ordinal);
        var zeroed = target.Keys.Where(k => !head.Contains(k) && !file.ContainsKey(k) && IsCounterPyTorchFills(k, versionOf)).ToList();
        var missing = target.Keys.Where(k => !head.Contains(k) && !file.ContainsKey(k) && !zeroed.Contains(k)).ToList();
        var unexpected = file.Keys.Where(k => !head.Contains(k) && !target.ContainsKey(k)).ToList();
        var misShaped = new List<string>();
        bool headShapeDiffers = false, onlyTypesDiffer = true, typesConvertible = true;
        foreach (var (key, destination) in target)
        {
            if (head.Contains(key) || !file.TryGetValue(key, out var found))
            {
                continue;
            }

            bool shapeDiffers = !found.Shape.SequenceEqual(destination.shape);
            bool convertible = TensorTypes.IsFloatingPoint(found.Type) && TensorTypes.IsFloatingPoint(destination.dtype);
            bool typeDiffers = found.Type != destination.dtype && !(options.ConvertDtype && convertible);
            if (shapeDiffers || typeDiffers)
            {
                string why = typeDiffers && !convertible ? " (only floating-point types are converted)" : string.Empty;
                misShaped.Add(
                    $"{key}: file {TensorLayout.Format(found.Shape)} {found.Type}, model {TensorLayout.Format(destination.shape)} {destination.dtype}{why}");
                headShapeDiffers |= shapeDiffers && headKeys.Contains(key);
                onlyTypesDiffer &= !shapeDiffers;
                typesConvertible &= convertible;
            }
        }

        if (missing.Count + unexpected.Count + misShaped.Count > 0)
        {
            string? hint = headShapeDiffers && !options.ReplaceHead
                ? "For another number of classes, load with new WeightLoadOptions { ReplaceHead = true } (the head is re-initialised)."
                : misShaped.Count > 0 && onlyTypesDiffer && typesConvertible && !options.ConvertDtype && missing.Count + unexpected.Count == 0
                    ? "Only the element types differ: set WeightLoadOptions.ConvertDtype = true to convert them."
                    : null;
            throw new StateDictMismatchException(source, Describe(model), missing, unexpected, misShaped, hint);
        }

        var copied = target.Keys.Where(k => !head.Contains(k) && !zeroed.Contains(k)).ToList();
        return new WeightLoadPlan(copied, zeroed, head.Where(target.ContainsKey).ToList(), file.Keys.Where(head.Contains).ToList());
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> (holding at least <see cref="Copied"/>) into <paramref name="model"/>, then
    /// zeroes and re-initialises.
    /// </summary>
    public WeightLoadResult Apply(AlexNetModel model, Func<string, Tensor> tensors, bool replaceHead, IReadOnlyList<string> notes)
    {
        Dictionary<string, Tensor> target = model.state_dict();
        using (no_grad())
        {
            foreach (string key in Copied)
            {
                target[key].copy_(tensors(key));
            }

            foreach (string key in Zeroed)
            {
                target[key].zero_();
            }
        }

        if (replaceHead)
        {
            TransferLearning.ResetHead(model);
        }

        var allNotes = notes.ToList();
        if (Zeroed.Count > 0)
        {
            allNotes.Add($"The file has no {string.Join(", ", Zeroed)} (saved before PyTorch 0.4.1, or without them): "
                         + "set to 0, as PyTorch's load_state_dict does.");
        }

        return new WeightLoadResult(Copied, Head, Ignored, allNotes);
    }

    private static bool IsCounterPyTorchFills(string key, Func<string, long?> versionOf) =>
        key.EndsWith(BatchCounter, StringComparison.Ordinal) && versionOf(key[..^BatchCounter.Length]) is null or < 2;

    private static string Describe(AlexNetModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"Variant.{model.Variant} AlexNet ({model.NumClasses} classes, {model.InputChannels} input channels)");
}
