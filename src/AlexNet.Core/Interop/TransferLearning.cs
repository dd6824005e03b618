using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Interop;

/// <summary>
/// Transfer-learning helpers: freeze or unfreeze the convolutional <c>features</c>, and re-initialise the
/// classification head. With <see cref="WeightLoadOptions.ReplaceHead"/> and
/// <see cref="Optimization.OptimizerOptions.FeaturesLearningRateScale"/> they make fine-tuning a few lines (docs/interop.md).
/// </summary>
public static class TransferLearning
{
    /// <summary>
    /// Stops gradients for every parameter of <c>features</c> (requires_grad = false); the classifier stays trainable.
    /// Freeze before creating the Trainer: it optimises the parameters that require gradients when it is created.
    /// </summary>
    public static void FreezeFeatures(this AlexNetModel model) => SetTrainable(model, false);

    /// <summary>Makes every parameter of <c>features</c> trainable again (requires_grad = true).</summary>
    public static void UnfreezeFeatures(this AlexNetModel model) => SetTrainable(model, true);

    /// <summary>
    /// Re-initialises the head: the last <c>Linear</c> of <c>classifier</c> as PyTorch initialises a new layer
    /// (or by the model's <see cref="WeightInit"/>), and any layer after it (the CIFAR variant's <c>BatchNorm1d</c>:
    /// weight 1, bias 0, running statistics reset).
    /// </summary>
    public static void ResetHead(this AlexNetModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = no_grad();
        foreach (var (_, layer) in HeadLayers(model))
        {
            switch (layer)
            {
                case Linear linear:
                    ResetLinear(linear, model.Options.WeightInit ?? WeightInit.PyTorchDefault);
                    break;
                case BatchNorm1d norm:
                    norm.weight?.fill_(1.0);
                    norm.bias?.zero_();
                    norm.running_mean?.zero_();
                    norm.running_var?.fill_(1.0);
                    norm.num_batches_tracked?.zero_();
                    break;
            }
        }
    }

    /// <summary>The state-dict keys of the head: <c>classifier.N.*</c> for the last Linear and the layers after it.</summary>
    internal static HashSet<string> HeadKeys(AlexNetModel model)
    {
        var prefixes = HeadLayers(model).Select(l => $"classifier.{l.Name}.").ToList();
        return model.state_dict().Keys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
    }

    private static List<(string Name, nn.Module Layer)> HeadLayers(AlexNetModel model)
    {
        var layers = model.Classifier.named_children().ToList();
        int last = layers.FindLastIndex(l => l.module is Linear);
        return layers.Skip(last).Select(l => (l.name, l.module)).ToList();
    }

    private static void ResetLinear(Linear linear, WeightInit scheme)
    {
        Tensor weight = linear.weight!;
        long fanIn = weight.shape[1];
        switch (scheme)
        {
            case WeightInit.Paper:
                nn.init.normal_(weight, 0.0, WeightInitialization.PaperStd);
                linear.bias?.zero_();
                break;
            case WeightInit.XavierUniform:
                nn.init.xavier_uniform_(weight);
                ResetBias(linear, fanIn);
                break;
            default:
                nn.init.kaiming_uniform_(weight, Math.Sqrt(5)); // what nn.Linear's constructor does
                ResetBias(linear, fanIn);
                break;
        }
    }

    private static void ResetBias(Linear linear, long fanIn)
    {
        double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        if (linear.bias is { } bias)
        {
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    private static void SetTrainable(AlexNetModel model, bool trainable)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (Parameter p in model.Features.parameters())
        {
            p.requires_grad = trainable;
        }
    }
}
