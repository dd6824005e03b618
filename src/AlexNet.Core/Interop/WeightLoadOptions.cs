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
    /// The key of the state dict in a checkpoint that holds more than one (<c>torch.save({'net': model.state_dict(),
    /// 'acc': acc, 'epoch': epoch}, path)</c> gives "net"). Default null: the file's top-level dict when it holds only
    /// tensors, else its one entry that is a dict of tensors (named in <see cref="WeightLoadResult.Notes"/>); a file with
    /// several such entries is refused with their keys.
    /// </summary>
    public string? StateDictKey { get; set; }

    /// <summary>
    /// Converts tensors whose element type differs from the model's (float64 or float16 weights into a float32 model)
    /// while copying. Only floating-point types are converted: integer tensors (a batch-norm counter) and floating-point
    /// tensors where the model has integers are refused whatever this says. Default false: a different element type is
    /// an error that names the key and both types.
    /// </summary>
    public bool ConvertDtype { get; set; }
}
