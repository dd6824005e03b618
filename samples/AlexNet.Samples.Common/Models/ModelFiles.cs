using System;
using System.IO;
using AlexNet.Core.Checkpoints;
using TorchSharp;

namespace AlexNet.Samples.Common.Models;

/// <summary>
/// Loads weights from a model file into a model, by the file's extension. The extension point for weights files:
/// today a checkpoint written by the samples (<c>.ckpt</c>, AlexNet.Core's checkpoint reader); PyTorch <c>.pth</c> and
/// <c>.safetensors</c> files are added here when AlexNet.Core's weights loader (the interop issue) lands.
/// </summary>
public static class ModelFiles
{
    /// <summary>Copies the weights in <paramref name="path"/> into <paramref name="model"/>; returns a one-line description of the file.</summary>
    /// <exception cref="CheckpointException">A checkpoint that is missing, corrupt or made for another model.</exception>
    /// <exception cref="NotSupportedException">A file kind not readable yet.</exception>
    public static string Load(string path, torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case CheckpointFile.Extension:
                CheckpointInfo info = CheckpointFile.LoadModelWeights(path, model);
                return $"checkpoint {path} ({info.ModelType}, epoch {info.Position.Epoch})";
            case ".pth" or ".pt" or ".safetensors":
                throw new NotSupportedException($"{path}: PyTorch weights files ({extension}) are read by AlexNet.Core's weights loader, which this build does not have yet; pass a .ckpt checkpoint written by the samples.");
            default:
                throw new NotSupportedException($"{path}: unknown model file kind '{extension}'; expected a .ckpt checkpoint written by the samples.");
        }
    }
}
