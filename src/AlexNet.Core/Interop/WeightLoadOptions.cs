namespace AlexNet.Core.Interop;

/// <summary>How <see cref="AlexNetWeights.Load(Models.AlexNetModel, string, WeightLoadOptions?)"/> maps a file's tensors onto a model.</summary>
public sealed class WeightLoadOptions
{
    /// <summary>
    /// Transfer learning: load everything but the classification head (the last <c>Linear</c> of <c>classifier</c> and
    /// any layer after it, such as the CIFAR variant's final <c>BatchNorm1d</c>), which is re-initialised instead. Lets
    /// 1000-class ImageNet weights go into a 10-class model. Default false: every key must match.
    /// </summary>
    public bool ReplaceHead { get; set; }

    /// <summary>
    /// Converts tensors whose element type differs from the model's (float64 or float16 weights into a float32 model)
    /// while copying. Default false: a different element type is an error that names the key and both types.
    /// </summary>
    public bool ConvertDtype { get; set; }
}
