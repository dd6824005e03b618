using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// Reads and writes model weights in PyTorch's formats: <c>.pth</c> (<c>torch.save(model.state_dict(), path)</c>, the
/// zip format of PyTorch 1.6 and later) and <c>.safetensors</c>. State-dict keys are torchvision's, so torchvision's
/// pretrained AlexNet and weights trained in PyTorch load directly, and saved files load in PyTorch with
/// <c>load_state_dict(strict=True)</c>.
/// </summary>
/// <example>
/// <code>
/// using var model = AlexNetFactory.Create(Variant.TorchVision, numClasses: 10);
/// AlexNetWeights.Load(model, "alexnet-imagenet.pth", new WeightLoadOptions { ReplaceHead = true });
/// model.FreezeFeatures();
/// AlexNetWeights.Save(model, "alexnet-finetuned.safetensors");
/// </code>
/// </example>
public static class AlexNetWeights
{
    /// <summary>The signature a zip archive starts with (its first entry's local file header).</summary>
    private static readonly byte[] ZipMagic = { (byte)'P', (byte)'K', 3, 4 };

    /// <summary>
    /// Reads every tensor of a <c>.pth</c> or <c>.safetensors</c> file (told apart by content, not by name), on the CPU,
    /// in file order. The caller owns (disposes) the tensors.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="WeightsFileException">The file is neither format, is truncated, or holds something other than tensors.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such weights file.", path);
        }

        using FileStream file = File.OpenRead(path);
        return FormatOf(file, path) switch
        {
            WeightsFileFormat.PyTorchZip => PyTorchFile.Read(file, path),
            WeightsFileFormat.PyTorchLegacy => LegacyPyTorchFile.Read(ReadAll(file), path),
            _ => SafeTensorsFile.Read(ReadAll(file), path),
        };
    }

    /// <summary>
    /// Loads the weights in <paramref name="path"/> into <paramref name="model"/>. Every key, shape and element type is
    /// checked before anything is copied; on any mismatch nothing is copied and the exception names each missing,
    /// unexpected and mis-shaped key with both shapes. Parameters keep their device and <c>requires_grad</c>.
    /// </summary>
    /// <param name="model">Any variant; its weights are overwritten on success only.</param>
    /// <param name="path">A <c>.pth</c> or <c>.safetensors</c> file.</param>
    /// <param name="options">Head replacement and element-type conversion; null for a strict load.</param>
    /// <returns>Which keys were loaded and which were re-initialised.</returns>
    /// <exception cref="StateDictMismatchException">The file's keys, shapes or element types do not fit the model.</exception>
    /// <exception cref="WeightsFileException">The file cannot be read.</exception>
    public static WeightLoadResult Load(AlexNetModel model, string path, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Dictionary<string, Tensor> state = Read(path);
        try
        {
            return Load(model, state, path, options);
        }
        finally
        {
            TensorIO.DisposeAll(state.Values);
        }
    }

    /// <summary>
    /// Loads <paramref name="state"/> (for example from <see cref="Read"/>) into <paramref name="model"/> with the checks
    /// of <see cref="Load(AlexNetModel, string, WeightLoadOptions?)"/>; <paramref name="source"/> names it in errors.
    /// The tensors are copied, not kept.
    /// </summary>
    public static WeightLoadResult Load(AlexNetModel model, IReadOnlyDictionary<string, Tensor> state, string source, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        options ??= new WeightLoadOptions();
        Dictionary<string, Tensor> target = model.state_dict();
        HashSet<string> headKeys = TransferLearning.HeadKeys(model);
        HashSet<string> head = options.ReplaceHead ? headKeys : new HashSet<string>(StringComparer.Ordinal);

        var missing = target.Keys.Where(k => !head.Contains(k) && !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !head.Contains(k) && !target.ContainsKey(k)).ToList();
        var misShaped = new List<string>();
        bool headShapeDiffers = false, onlyTypesDiffer = true;
        foreach (var (key, destination) in target)
        {
            if (head.Contains(key) || !state.TryGetValue(key, out Tensor? found))
            {
                continue;
            }

            bool shapeDiffers = !found.shape.SequenceEqual(destination.shape);
            bool typeDiffers = found.dtype != destination.dtype && !options.ConvertDtype;
            if (shapeDiffers || typeDiffers)
            {
                misShaped.Add($"{key}: file {Format(found)}, model {Format(destination)}");
                headShapeDiffers |= shapeDiffers && headKeys.Contains(key);
                onlyTypesDiffer &= !shapeDiffers;
            }
        }

        if (missing.Count + unexpected.Count + misShaped.Count > 0)
        {
            string? hint = headShapeDiffers && !options.ReplaceHead
                ? "For another number of classes, load with new WeightLoadOptions { ReplaceHead = true } (the head is re-initialised)."
                : misShaped.Count > 0 && onlyTypesDiffer && missing.Count + unexpected.Count == 0
                    ? "Only the element types differ: set WeightLoadOptions.ConvertDtype = true to convert them."
                    : null;
            throw new StateDictMismatchException(source, Describe(model), missing, unexpected, misShaped, hint);
        }

        var loaded = new List<string>();
        using (no_grad())
        {
            foreach (var (key, destination) in target)
            {
                if (!head.Contains(key))
                {
                    destination.copy_(state[key]);
                    loaded.Add(key);
                }
            }
        }

        if (options.ReplaceHead)
        {
            TransferLearning.ResetHead(model);
        }

        return new WeightLoadResult(loaded, head.Where(target.ContainsKey).ToList(), state.Keys.Where(head.Contains).ToList());
    }

    /// <summary>
    /// Saves the state dict of <paramref name="model"/>: as <c>.safetensors</c> when <paramref name="path"/> ends in
    /// ".safetensors", otherwise as PyTorch's <c>.pth</c> zip format, which <c>torch.load</c> reads. Written to a
    /// temporary file and renamed, so an existing file is never left half-written.
    /// </summary>
    /// <param name="model">The model (any device; tensors are copied to the CPU).</param>
    /// <param name="path">Destination.</param>
    /// <param name="floatType">Convert floating-point tensors to this type (for example Float16); null keeps each tensor's own.</param>
    public static void Save(nn.Module model, string path, ScalarType? floatType = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (floatType is { } f && !is_floating_point(empty(0, f)))
        {
            throw new ArgumentException($"floatType must be a floating-point type; got {f}.", nameof(floatType));
        }

        using var scope = NewDisposeScope();
        Write(path, model.state_dict()
            .Select(e => new KeyValuePair<string, Tensor>(e.Key, floatType is { } t && e.Value.is_floating_point() ? e.Value.to_type(t) : e.Value)));
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> under their keys as <c>.safetensors</c> when <paramref name="path"/> ends in
    /// ".safetensors", otherwise as a <c>.pth</c> that <c>torch.load</c> reads as an <c>OrderedDict</c> of tensors
    /// (for example inputs and outputs to compare with PyTorch). Atomic, as <see cref="Save"/>.
    /// </summary>
    internal static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var state = tensors.ToList();
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            SafeTensorsFile.Write(path, state);
        }
        else
        {
            PyTorchFile.Write(path, state);
        }
    }

    /// <summary>
    /// The format of <paramref name="file"/>, from its first 9 bytes: safetensors when it looks like it (a header length
    /// that fits the file followed by '{'), else a zip archive (PyTorch 1.6+) or a bare pickle (PyTorch's legacy format,
    /// which <see cref="LegacyPyTorchFile"/> explains), else safetensors again (whose reader then says what is wrong).
    /// Safetensors is checked first because its header length can start with the pickle's 0x80 byte (one file in 256);
    /// neither PyTorch format has '{' at offset 8 (a zip has its compression method there, a legacy file PyTorch's magic number).
    /// </summary>
    /// <exception cref="WeightsFileException">The file starts as a zip archive ("PK") but not as a zip file entry.</exception>
    private static WeightsFileFormat FormatOf(FileStream file, string path)
    {
        Span<byte> start = stackalloc byte[9];
        int read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == start.Length && start[8] == (byte)'{'
            && System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(start) <= (ulong)(file.Length - 8))
        {
            return WeightsFileFormat.SafeTensors;
        }

        if (read >= 2 && start[0] == 0x80)
        {
            return WeightsFileFormat.PyTorchLegacy;
        }

        if (read >= 2 && start[0] == (byte)'P' && start[1] == (byte)'K')
        {
            return read >= 4 && start[..4].SequenceEqual(ZipMagic)
                ? WeightsFileFormat.PyTorchZip
                : throw new WeightsFileException(path,
                    "not a PyTorch file: expected a zip archive (starting with 'PK\\x03\\x04', torch.save since PyTorch 1.6) or a legacy pickle (starting with 0x80)",
                    0);
        }

        return WeightsFileFormat.SafeTensors;
    }

    /// <summary>All bytes of <paramref name="file"/>, from its start.</summary>
    private static byte[] ReadAll(FileStream file)
    {
        var bytes = new byte[file.Length];
        file.Position = 0;
        file.ReadExactly(bytes);
        return bytes;
    }

    private static string Describe(AlexNetModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"Variant.{model.Variant} AlexNet ({model.NumClasses} classes, {model.InputChannels} input channels)");

    private static string Format(Tensor t) => $"[{string.Join(", ", t.shape)}] {t.dtype}";
}
