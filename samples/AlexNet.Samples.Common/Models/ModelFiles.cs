using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Outputs;

namespace AlexNet.Samples.Common.Models;

/// <summary>
/// Loads weights from a model file into a model, by the file's extension: a checkpoint written by the samples
/// (<c>.ckpt</c>, AlexNet.Core's checkpoint reader), or a PyTorch state dict (<c>.pth</c>, <c>.pt</c>) or
/// <c>.safetensors</c> file (AlexNet.Core's <see cref="AlexNetWeights"/>, torchvision's key names). Neither kind says
/// which network, classes or preprocessing it was made for: that is the model card's part (<see cref="ModelCard"/>).
/// </summary>
public static class ModelFiles
{
    /// <summary>Whether <paramref name="path"/> names a PyTorch weights file (<c>.pth</c>, <c>.pt</c> or <c>.safetensors</c>) rather than a checkpoint.</summary>
    public static bool IsWeightsFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() is ".pth" or ".pt" or ".safetensors";
    }

    /// <summary>
    /// The model file a path given as <c>--model</c> or <c>--weights</c> stands for: a file is itself; a run folder of
    /// the samples stands for its <c>checkpoints/best.ckpt</c>, else <c>checkpoints/last.ckpt</c> (a checkpoints folder
    /// for the same files inside it).
    /// </summary>
    /// <exception cref="CommandLineUsageException">A folder that holds neither checkpoint.</exception>
    public static string Resolve(string path, string argument)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(argument);
        if (!Directory.Exists(path))
        {
            return path;
        }

        string[] candidates =
        {
            Path.Combine(path, RunFolder.CheckpointsFolderName, CheckpointFile.BestFileName),
            Path.Combine(path, RunFolder.CheckpointsFolderName, CheckpointFile.LastFileName),
            Path.Combine(path, CheckpointFile.BestFileName),
            Path.Combine(path, CheckpointFile.LastFileName),
        };
        return candidates.FirstOrDefault(File.Exists) ?? throw new CommandLineUsageException(
            $"{argument}: the folder {path} holds no {RunFolder.CheckpointsFolderName}/{CheckpointFile.BestFileName} or "
            + $"{RunFolder.CheckpointsFolderName}/{CheckpointFile.LastFileName}; "
            + "pass a model file (.ckpt, .pth, .pt, .safetensors) or a run folder of the samples.");
    }

    /// <summary>
    /// Copies the weights in <paramref name="path"/> into <paramref name="model"/>: every key and shape must match
    /// (a strict load); returns a one-line description of the file.
    /// </summary>
    /// <exception cref="CheckpointException">A checkpoint that is missing, corrupt or made for another model.</exception>
    /// <exception cref="WeightsFileException">A weights file that cannot be read.</exception>
    /// <exception cref="StateDictMismatchException">A weights file whose keys, shapes or element types do not fit the model.</exception>
    /// <exception cref="FileNotFoundException">No weights file at <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException">Another kind of file.</exception>
    public static string Load(string path, AlexNetModel model)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == CheckpointFile.Extension)
        {
            CheckpointInfo info = CheckpointFile.LoadModelWeights(path, model);
            return $"checkpoint {path} ({info.ModelType}, {Describe(info.Position)})";
        }

        if (IsWeightsFile(path))
        {
            WeightLoadResult result = AlexNetWeights.Load(model, path);
            return $"weights file {path} ({result.LoadedKeys.Count} tensors)";
        }

        throw new NotSupportedException($"{path}: unknown model file kind '{extension}'; expected a .ckpt checkpoint written by the samples, a PyTorch .pth/.pt state dict or a .safetensors file.");
    }

    /// <summary>
    /// Where a checkpoint was written, counted as the console counts epochs (from 1): "after epoch 2" for a checkpoint
    /// written at the end of the console's "epoch 2/2" (metrics.csv counts from 0 and calls that epoch 1).
    /// </summary>
    public static string Describe(TrainingPosition position) =>
        position.Batch == 0
            ? (position.Epoch == 0 ? "before the first epoch" : $"after epoch {position.Epoch}")
            : $"in epoch {position.Epoch + 1}, after batch {position.Batch}";
}
