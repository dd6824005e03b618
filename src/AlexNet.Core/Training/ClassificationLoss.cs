using System;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The training loss: cross-entropy on logits or NLL on log-probabilities, both with optional label smoothing
/// (PyTorch's definition: (1 - e) * NLL + e * mean over classes of -log p).
/// </summary>
internal sealed class ClassificationLoss
{
    private readonly double _smoothing;

    public ClassificationLoss(LossKind kind, double labelSmoothing)
    {
        if (kind == LossKind.Auto)
        {
            throw new ArgumentException("Resolve LossKind.Auto against the model first.", nameof(kind));
        }

        Kind = kind;
        _smoothing = labelSmoothing;
    }

    /// <summary>The loss in use (never Auto).</summary>
    public LossKind Kind { get; }

    /// <summary>True when the model outputs log-probabilities (and the loss is NLL).</summary>
    public bool OnLogProbabilities => Kind == LossKind.Nll;

    /// <summary>Picks the loss for <paramref name="model"/>: Auto becomes NLL for a log-softmax model, else cross-entropy.</summary>
    /// <exception cref="ArgumentException">NLL was asked for on a model that declares logits.</exception>
    public static ClassificationLoss For(object model, LossOptions options)
    {
        bool? logProbabilities = (model as IClassifierOutput)?.OutputsLogProbabilities;
        LossKind kind = options.Kind;
        if (kind == LossKind.Auto)
        {
            kind = logProbabilities == true ? LossKind.Nll : LossKind.CrossEntropy;
        }

        if (kind == LossKind.Nll && logProbabilities == false)
        {
            throw new ArgumentException($"TrainerOptions.Loss.Kind is Nll, which expects log-probabilities, but the model {model.GetType().Name} declares (IClassifierOutput) that it outputs logits; use CrossEntropy or Auto.", nameof(options));
        }

        return new ClassificationLoss(kind, options.LabelSmoothing);
    }

    /// <summary>The mean loss of a batch of model outputs (logits or log-probabilities, as <see cref="Kind"/> says).</summary>
    public Tensor Compute(Tensor outputs, Tensor labels) =>
        Kind == LossKind.CrossEntropy
            ? nn.functional.cross_entropy(outputs, labels, label_smoothing: _smoothing)
            : OnLogProbabilitiesLoss(outputs, labels);

    /// <summary>The mean loss of log-probabilities (for example averaged test-time-augmentation predictions).</summary>
    public Tensor OnLogProbabilitiesLoss(Tensor logProbabilities, Tensor labels)
    {
        var nll = nn.functional.nll_loss(logProbabilities, labels);
        if (_smoothing == 0)
        {
            return nll;
        }

        var uniform = logProbabilities.mean(new long[] { 1 }).neg().mean();
        return nll.mul(1 - _smoothing).add(uniform.mul(_smoothing));
    }
}
