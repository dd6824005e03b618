using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
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
            throw new CheckpointException(path, $"the optimizer state ({metadata.OptimizerType}) does not fit this trainer's optimizer ({optimizer.GetType().Name}); nothing was loaded");
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
        Tensor? rng = reader.ReadBoolean() ? TensorIO.Read(reader, path, "CPU random generator state") : null;

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
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException(path, "the file does not exist", null, e);
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
        int length = reader.ReadInt32();
        try
        {
            return JsonSerializer.Deserialize<CheckpointMetadata>(reader.ReadBytes(length), CheckpointMetadata.JsonOptions)
                ?? throw new JsonException("empty metadata");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"the metadata is not valid JSON of this format: {e.Message}", offset, e);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(BinaryReader reader, string path, string what)
    {
        long offset = reader.BaseStream.Position;
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new CheckpointException(path, $"{what}: negative tensor count {count}", offset);
        }

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                tensors[name] = TensorIO.Read(reader, path, $"{what} '{name}'");
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
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or InvalidCastException)
        {
            backup.Position = 0;
            using var restore = new BinaryReader(backup, Encoding.UTF8, leaveOpen: true);
            optimizer.load_state_dict(restore);
            throw new CheckpointException(path, $"the optimizer state ({savedType}) does not fit this trainer's optimizer ({optimizer.GetType().Name}): {e.Message}; nothing was loaded", offset, e);
        }
    }

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
                problems.Add($"'{name}' is {saved.dtype} [{string.Join(", ", saved.shape)}] in the checkpoint and {tensor.dtype} [{string.Join(", ", tensor.shape)}] in the model");
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
        string.Join(", ", names.Take(3).Select(n => $"'{n}'")) + (names.Count > 3 ? ", ..." : string.Empty);
}
