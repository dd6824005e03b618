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
    /// weight 1, bias 0, running statistics reset), each as its layer kind says.
    /// </summary>
    public static void ResetHead(this AlexNetModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        WeightInit scheme = model.Options.WeightInit ?? WeightInit.PyTorchDefault;
        using var noGrad = no_grad();
        foreach (var (_, layer) in HeadLayers(model))
        {
            LayerKinds.For(layer).ResetForNewHead(layer, scheme);
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
        int last = layers.FindLastIndex(l => LayerKinds.For(l.module).IsWeightLayer);
        return layers.Skip(last).Select(l => (l.name, l.module)).ToList();
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
