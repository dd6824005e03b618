using AlexNet.Core.Abstractions;
namespace AlexNet.Core.Training;

/// <summary>The training loss.</summary>
public enum LossKind
{
    /// <summary>
    /// Cross-entropy for models that output logits, NLL for models that declare log-probabilities through
    /// <see cref="IClassifierOutput"/>.
    /// </summary>
    Auto,

    /// <summary>Cross-entropy on logits (torch's <c>cross_entropy</c>), with optional label smoothing.</summary>
    CrossEntropy,

    /// <summary>Negative log-likelihood on log-probabilities (a log-softmax model), with optional label smoothing.</summary>
    Nll,
}
