using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AlexNet.Core.IO;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Checkpoints;

/// <summary>Reads checkpoint files, checking the header and checksum before anything else.</summary>
internal static class CheckpointReader
{
    /// <summary>Verifies the file and returns its metadata, without reading any tensor.</summary>
    public static CheckpointMetadata ReadMetadata(string path)
    {
        using var file = Open(path);
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        return ReadMetadataSection(reader, path);
    }

    /// <summary>Verifies the file and copies only the model weights into <paramref name="model"/>; returns the metadata.</summary>
    public static CheckpointMetadata LoadModel(string path, nn.Module model)
    {
        using var file = Open(path);
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        var metadata = ReadMetadataSection(reader, path);
        CheckpointFormat.ExpectSection(reader, CheckpointFormat.Model, path);
        var weights = ReadTensors(reader, path, "model state");
        try
        {
            ThrowIfDifferentModel(weights, model, path);
            CopyIntoModel(weights, model);
        }
        finally
        {
            TensorIO.DisposeAll(weights.Values);
        }

        return metadata;
    }

    /// <summary>
    /// Verifies the file, copies the weights into <paramref name="model"/> and the state into
    /// <paramref name="optimizer"/>, and returns the rest. The model is checked against the checkpoint (names,
    /// shapes, dtypes) before any weight is copied.
    /// </summary>
    public static LoadedCheckpoint Load(string path, nn.Module model, OptimizerHelper optimizer)
    {
        using var file = Open(path);
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        var metadata = ReadMetadataSection(reader, path);

        if (metadata.OptimizerType.Length > 0 && metadata.OptimizerType != optimizer.GetType().Name)
        {
            throw new CheckpointException(path,
                $"the optimizer state ({CheckpointText.Printable(metadata.OptimizerType)}) does not fit this trainer's optimizer "
                + $"({optimizer.GetType().Name}); nothing was loaded");
        }

        // Validate everything before applying anything: the weights are read and checked first, the optimizer state
        // is loaded (restored on failure), and only then are the weights copied into the model.
        CheckpointFormat.ExpectSection(reader, CheckpointFormat.Model, path);
        var weights = ReadTensors(reader, path, "model state");
        try
        {
            ThrowIfDifferentModel(weights, model, path);
            CheckpointFormat.ExpectSection(reader, CheckpointFormat.Optimizer, path);
            LoadOptimizer(reader, optimizer, path, metadata.OptimizerType);
            CopyIntoModel(weights, model);
        }
        finally
        {
            TensorIO.DisposeAll(weights.Values);
        }

        CheckpointFormat.ExpectSection(reader, CheckpointFormat.Random, path);
        Tensor? rng = CheckpointFields.ReadFlag(reader, path, "random state: present flag") ? TensorIO.Read(reader, path, "CPU random generator state") : null;

        CheckpointFormat.ExpectSection(reader, CheckpointFormat.Accumulators, path);
        var accumulators = ReadTensors(reader, path, "metric sums");
        CheckpointFormat.ExpectSection(reader, CheckpointFormat.End, path);
        return new LoadedCheckpoint(path, metadata, rng, accumulators);
    }

    private static FileStream Open(string path)
    {
        FileStream file;
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                throw new CheckpointException(path,
                    "the path is a directory, not a checkpoint file: name a .ckpt file in it, or pass the directory with \"last\" or \"best\"");
            }

            if (FileStatus.DescribeSpecialFile(path) is { } special)
            {
                throw new CheckpointException(path, $"the path is {special}, not a regular file; it is not opened");
            }

            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException(path, "the file does not exist", null, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CheckpointException(path, "the file cannot be read: permission denied (check the file's and its folders' permissions)", null, e);
        }
        catch (IOException e)
        {
            throw new CheckpointException(path, $"the file cannot be read: {e.Message}", null, e);
        }

        try
        {
            CheckpointFormat.Verify(file, path);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static CheckpointMetadata ReadMetadataSection(BinaryReader reader, string path)
    {
        CheckpointFormat.ExpectSection(reader, CheckpointFormat.Metadata, path);
        long offset = reader.BaseStream.Position;
        byte[] json = CheckpointFields.ReadBlock(reader, path, "metadata length");
        CheckpointMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<CheckpointMetadata>(json, CheckpointMetadata.JsonOptions);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException
                                      or FormatException or OverflowException)
        {
            throw new CheckpointException(path, $"the metadata is not valid JSON of this format: {CheckpointText.Printable(e.Message)}", offset + 4, e);
        }

        return metadata is null
            ? throw new CheckpointException(path, "the metadata: expected a JSON object, found null", offset + 4)
            : CheckpointMetadataCheck.Checked(metadata, path, offset + 4);
    }

    private static Dictionary<string, Tensor> ReadTensors(BinaryReader reader, string path, string what)
    {
        // An entry takes at least a 1-byte name length and a tensor header of 8 bytes.
        int count = CheckpointFields.ReadCount(reader, path, $"{what}: entry count", 9);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            for (int i = 0; i < count; i++)
            {
                long offset = reader.BaseStream.Position;
                string name = CheckpointFields.ReadName(reader, path, $"{what}: name of entry {i}");
                if (tensors.ContainsKey(name))
                {
                    throw new CheckpointException(path, $"{what}: expected each name once, found '{CheckpointText.Printable(name)}' a second time", offset);
                }

                tensors[name] = TensorIO.Read(reader, path, $"{what} '{CheckpointText.Printable(name)}'");
            }
        }
        catch
        {
            TensorIO.DisposeAll(tensors.Values);
            throw;
        }

        return tensors;
    }

    /// <summary>Loads the optimizer state from <paramref name="reader"/>; on failure, puts the previous state back and throws.</summary>
    private static void LoadOptimizer(BinaryReader reader, OptimizerHelper optimizer, string path, string savedType)
    {
        using var backup = new MemoryStream();
        using (var writer = new BinaryWriter(backup, Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        long offset = reader.BaseStream.Position;
        try
        {
            optimizer.load_state_dict(reader);
            OptimizerStateCheck.ThrowIfUnfit(optimizer);
        }
        catch (Exception e) when (IsOptimizerStateFailure(e))
        {
            backup.Position = 0;
            using var restore = new BinaryReader(backup, Encoding.UTF8, leaveOpen: true);
            optimizer.load_state_dict(restore);
            throw new CheckpointException(path,
                $"the optimizer state ({CheckpointText.Printable(savedType)}) does not fit this trainer's optimizer ({optimizer.GetType().Name}): "
                + $"{CheckpointText.Printable(e.Message)}; nothing was loaded",
                offset, e);
        }
    }

    /// <summary>
    /// What TorchSharp's optimizer reader throws on a stream it cannot read: a bad length or type, the end of the stream,
    /// a size LibTorch refuses to allocate, or a native error.
    /// </summary>
    private static bool IsOptimizerStateFailure(Exception e) =>
        e is InvalidDataException or ArgumentException or IOException or InvalidCastException or FormatException or OverflowException
            or IndexOutOfRangeException or KeyNotFoundException or NotSupportedException or OutOfMemoryException
            or System.Runtime.InteropServices.ExternalException;

    private static void ThrowIfDifferentModel(Dictionary<string, Tensor> weights, nn.Module model, string path)
    {
        var target = model.state_dict();
        var problems = new List<string>();
        var missing = target.Keys.Where(k => !weights.ContainsKey(k)).ToArray();
        var unexpected = weights.Keys.Where(k => !target.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"the model has {missing.Length} entries the checkpoint lacks ({Some(missing)})");
        }

        if (unexpected.Length > 0)
        {
            problems.Add($"the checkpoint has {unexpected.Length} entries the model lacks ({Some(unexpected)})");
        }

        foreach (var (name, tensor) in target)
        {
            if (weights.TryGetValue(name, out var saved) && (saved.dtype != tensor.dtype || !saved.shape.SequenceEqual(tensor.shape)))
            {
                problems.Add($"'{CheckpointText.Printable(name)}' is {saved.dtype} [{string.Join(", ", saved.shape)}] in the checkpoint "
                    + $"and {tensor.dtype} [{string.Join(", ", tensor.shape)}] in the model");
            }
        }

        if (problems.Count > 0)
        {
            throw new CheckpointException(path, $"the checkpoint was written for a different model ({model.GetType().Name} here): " + string.Join("; ", problems.Take(5)));
        }
    }

    private static void CopyIntoModel(Dictionary<string, Tensor> weights, nn.Module model)
    {
        var target = model.state_dict();
        using var noGrad = no_grad();
        foreach (var (name, tensor) in target)
        {
            tensor.copy_(weights[name]);
        }
    }

    private static string Some(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(3).Select(n => $"'{CheckpointText.Printable(n)}'")) + (names.Count > 3 ? ", ..." : string.Empty);
}
