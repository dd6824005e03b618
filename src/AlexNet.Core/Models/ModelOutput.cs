namespace AlexNet.Core.Models;

/// <summary>What an <see cref="AlexNetModel"/> returns from its forward pass.</summary>
public enum ModelOutput
{
    /// <summary>Raw class scores (N x classes), for a cross-entropy loss. torchvision's and the papers' choice; the default.</summary>
    Logits,

    /// <summary>
    /// <c>log_softmax</c> over the classes (N x classes), for a negative log-likelihood (NLL) loss, as TorchSharp's
    /// examples do.
    /// </summary>
    LogProbabilities,
}
