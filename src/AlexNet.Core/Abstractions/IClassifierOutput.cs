namespace AlexNet.Core.Abstractions;

/// <summary>
/// Implemented by a classification model to say what its forward pass returns. The trainer reads it to pick the
/// loss (<c>LossKind.Auto</c>) and to turn outputs into probabilities in <c>Predict</c>.
/// </summary>
/// <remarks>A model that does not implement it is taken to output logits (the torchvision convention).</remarks>
public interface IClassifierOutput
{
    /// <summary>
    /// True when the forward pass ends in log-softmax (outputs are log-probabilities, trained with NLL);
    /// false when it returns logits (trained with cross-entropy).
    /// </summary>
    bool OutputsLogProbabilities { get; }
}
