using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
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
    /// in file order; from a checkpoint, the tensors of its one dict of tensors. A tensor that is a view of part of a
    /// storage (or of a single element, with zero strides) stays a view. The caller owns (disposes) the tensors.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="WeightsFileException">The file is a directory, is neither format, is truncated, or holds something other than tensors.</exception>
    public static Dictionary<string, Tensor> Read(string path) => Read(path, null);

    /// <summary>
    /// Reads the tensors of a <c>.pth</c> or <c>.safetensors</c> file as <see cref="Read(string)"/> does, from the entry
    /// <see cref="WeightLoadOptions.StateDictKey"/> of a checkpoint when it is set.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="WeightsFileException">The file is a directory, is neither format, is truncated, or holds something other than tensors.</exception>
    public static Dictionary<string, Tensor> Read(string path, WeightLoadOptions? options)
    {
        using FileStream file = OpenWeightsFile(path);
        using WeightsFileContents contents = Open(file, path);
        return contents.Materialise(StateDictSelection.Select(contents, options?.StateDictKey).Entries);
    }

    /// <summary>
    /// Loads the weights in <paramref name="path"/> into <paramref name="model"/>. Every key, shape and element type is
    /// checked before any tensor is read; on any mismatch nothing is copied and the exception names each missing,
    /// unexpected and mis-shaped key with both shapes. Parameters keep their device and <c>requires_grad</c>. As PyTorch
    /// users expect, a checkpoint's one dict of tensors is taken (or the one <see cref="WeightLoadOptions.StateDictKey"/>
    /// names), <c>nn.DataParallel</c>'s <c>module.</c> prefix is stripped when every key has it and the model's do not,
    /// and batch-norm counters a file predates are set to 0; <see cref="WeightLoadResult.Notes"/> says which happened.
    /// </summary>
    /// <param name="model">Any variant; its weights are overwritten on success only.</param>
    /// <param name="path">A <c>.pth</c> or <c>.safetensors</c> file.</param>
    /// <param name="options">Head replacement, element-type conversion and the state dict's key; null for a strict load.</param>
    /// <returns>Which keys were loaded and which were re-initialised.</returns>
    /// <exception cref="StateDictMismatchException">The file's keys, shapes or element types do not fit the model.</exception>
    /// <exception cref="WeightsFileException">The file cannot be read.</exception>
    public static WeightLoadResult Load(AlexNetModel model, string path, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new WeightLoadOptions();
        using FileStream file = OpenWeightsFile(path);
        using WeightsFileContents contents = Open(file, path);
        StateDictSelection selection = StateDictSelection.Select(contents, options.StateDictKey);
        selection.StripDataParallelPrefix(model.state_dict().Keys);
        var shapes = selection.Entries.ToDictionary(e => e.Key, e => (e.Value.Size, e.Value.Storage.Type), StringComparer.Ordinal);
        WeightLoadPlan plan = WeightLoadPlan.Make(model, shapes, selection.VersionOf, path, options);
        var needed = new HashSet<string>(plan.Copied, StringComparer.Ordinal);
        Dictionary<string, Tensor> state = contents.Materialise(selection.Entries.Where(e => needed.Contains(e.Key)));
        try
        {
            return plan.Apply(model, key => state[key], options.ReplaceHead, selection.Notes);
        }
        finally
        {
            TensorIO.DisposeAll(state.Values);
        }
    }

    /// <summary>
    /// Loads <paramref name="state"/> (for example from <see cref="Read(string)"/>) into <paramref name="model"/> with the
    /// checks of <see cref="Load(AlexNetModel, string, WeightLoadOptions?)"/>; <paramref name="source"/> names it in errors.
    /// The tensors are copied, not kept.
    /// </summary>
    public static WeightLoadResult Load(AlexNetModel model, IReadOnlyDictionary<string, Tensor> state, string source, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        options ??= new WeightLoadOptions();
        var shapes = state.ToDictionary(e => e.Key, e => (e.Value.shape, e.Value.dtype), StringComparer.Ordinal);
        WeightLoadPlan plan = WeightLoadPlan.Make(model, shapes, _ => null, source, options);
        return plan.Apply(model, key => state[key], options.ReplaceHead, Array.Empty<string>());
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

    /// <summary>Opens the weights file <paramref name="path"/> for reading; a directory or a missing file is named as such.</summary>
    private static FileStream OpenWeightsFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new WeightsFileException(path, "this is a directory, not a weights file: give the path of the .pth or .safetensors file inside it");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such weights file.", path);
        }

        if (FileStatus.DescribeSpecialFile(path) is { } special)
        {
            throw new WeightsFileException(path, $"this is {special}, not a regular file; it is not opened");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
    }

    private static WeightsFileContents Open(FileStream file, string path) => FormatOf(file, path) switch
    {
        WeightsFileFormat.PyTorchZip => PyTorchFile.Open(file, path),
        WeightsFileFormat.PyTorchLegacy => LegacyPyTorchFile.Open(file, path),
        _ => SafeTensorsFile.Open(file, path),
    };
}
