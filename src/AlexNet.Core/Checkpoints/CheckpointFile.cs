using System;
using System.IO;

namespace AlexNet.Core.Checkpoints;

/// <summary>Checkpoint file names and checks that need no trainer.</summary>
public static class CheckpointFile
{
    /// <summary>The file extension of checkpoints.</summary>
    public const string Extension = ".ckpt";

    /// <summary>The newest state of a run, rewritten at every save point.</summary>
    public const string LastFileName = "last" + Extension;

    /// <summary>The state with the best monitored metric so far.</summary>
    public const string BestFileName = "best" + Extension;

    /// <summary>
    /// Checks <paramref name="path"/> (header, version, length, SHA-256 of the payload) and returns what it says
    /// about itself, without loading any tensor.
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, of another format version, truncated or corrupt.</exception>
    public static CheckpointInfo ReadInfo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new CheckpointInfo(path, CheckpointReader.ReadMetadata(path));
    }

    /// <summary>
    /// Checks <paramref name="path"/> and copies its model weights and buffers into <paramref name="model"/> (for
    /// prediction or fine-tuning: the optimizer, schedule and position are not read). The model must have exactly the
    /// checkpoint's entries, shapes and dtypes; nothing is copied otherwise.
    /// </summary>
    /// <returns>What the checkpoint says about itself.</returns>
    /// <exception cref="CheckpointException">The file is missing, corrupt, or made for another model.</exception>
    public static CheckpointInfo LoadModelWeights(string path, TorchSharp.torch.nn.Module model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        return new CheckpointInfo(path, CheckpointReader.LoadModel(path, model));
    }

    /// <summary>
    /// The checkpoint file meant by <paramref name="which"/>: "last" or "best" in <paramref name="directory"/>, or else
    /// a path (relative paths are taken from the current directory).
    /// </summary>
    /// <exception cref="ArgumentException">"last" or "best" without a directory.</exception>
    public static string Resolve(string which, string? directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(which);
        string name = which.Trim();
        string? fileName = name.Equals("last", StringComparison.OrdinalIgnoreCase) ? LastFileName
            : name.Equals("best", StringComparison.OrdinalIgnoreCase) ? BestFileName
            : null;
        if (fileName is null)
        {
            return Path.GetFullPath(name);
        }

        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException($"Resuming from \"{name}\" needs a checkpoint directory: add a CheckpointHook to the trainer or pass the directory.", nameof(directory));
        }

        return Path.GetFullPath(Path.Combine(directory, fileName));
    }
}
