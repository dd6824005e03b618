using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;

namespace AlexNet.Core.Interop;

/// <summary>Options of <see cref="OnnxExporter.Export"/>; validated by the exporter.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>
    /// The image size the exported graph takes (height and width are fixed in the graph; the batch axis is dynamic).
    /// Null: the model's <see cref="ModelDescriptor.NominalInputSize"/>. Adaptive pooling is exported exactly for this size,
    /// also where PyTorch's bins overlap or differ in width.
    /// </summary>
    public ImageSize? InputSize { get; set; }

    /// <summary>Name of the graph input (N x C x H x W, float32). Default "input".</summary>
    public string InputName { get; set; } = "input";

    /// <summary>Name of the graph output (N x classes logits, or log-probabilities when the model outputs them). Default "output".</summary>
    public string OutputName { get; set; } = "output";
}
