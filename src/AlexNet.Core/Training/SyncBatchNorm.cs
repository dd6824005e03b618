using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Distributed;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Synchronised batch norm for a model, without replacing its layers (state-dict keys and checkpoints stay the same):
/// forward hooks on every <see cref="BatchNorm"/> (1d, 2d, 3d) module. In training mode the pre-hook runs the layer's
/// own forward in evaluation mode (a cheap affine map with the running statistics, which leaves them unchanged) and
/// the post-hook replaces its output with <see cref="GlobalBatchNorm"/>'s. In evaluation mode the layers run as usual.
/// Hooks run when a layer is called with <c>call</c> (as Sequential does); <see cref="ThrowIfBypassed"/> detects a
/// layer whose <c>forward</c> was called directly. Disposing removes the hooks.
/// </summary>
internal sealed class SyncBatchNorm : IDisposable
{
    private readonly ICollectives _collectives;
    private readonly List<(string Name, BatchNorm Module)> _layers;
    private readonly List<Action> _removers = new();
    private readonly HashSet<BatchNorm> _switchedToEval = new();
    private readonly HashSet<BatchNorm> _synchronised = new();

    /// <summary>Hooks every batch norm module of <paramref name="model"/> to normalise over <paramref name="collectives"/>' processes.</summary>
    public SyncBatchNorm(nn.Module model, ICollectives collectives)
    {
        ArgumentNullException.ThrowIfNull(model);
        _collectives = collectives;
        _layers = model.named_modules().Where(m => m.module is BatchNorm).Select(m => (m.name, (BatchNorm)m.module)).ToList();
        foreach (var (_, layer) in _layers)
        {
            var pre = layer.register_forward_pre_hook(Before);
            var post = layer.register_forward_hook(After);
            _removers.Add(pre.remove);
            _removers.Add(post.remove);
        }
    }

    /// <summary>How many batch norm layers are synchronised.</summary>
    public int LayerCount => _layers.Count;

    /// <summary>
    /// After a training forward pass: throws when a batch norm layer in training mode did not run through the hooks
    /// (its <c>forward</c> was called directly, so it normalised with local statistics); then starts a new count.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer was bypassed.</exception>
    public void ThrowIfBypassed()
    {
        var bypassed = _layers.Where(l => l.Module.training && !_synchronised.Contains(l.Module)).Select(l => l.Name).ToArray();
        _synchronised.Clear();
        if (bypassed.Length > 0)
        {
            throw new NotSupportedException(
                $"DistributedOptions.SyncBatchNorm: the batch norm layer(s) {string.Join(", ", bypassed)} did not run through call() in the "
                + "training forward pass (a forward() called directly, or a layer the model does not use), so they cannot be synchronised; "
                + "call the layers with call() (as Sequential does) or turn SyncBatchNorm off.");
        }
    }

    /// <summary>Removes the hooks; the layers behave as plain batch norm again.</summary>
    public void Dispose()
    {
        foreach (var remove in _removers)
        {
            remove();
        }

        _removers.Clear();
    }

    private Tensor Before(nn.Module<Tensor, Tensor> module, Tensor input)
    {
        var layer = (BatchNorm)module;
        if (layer.training)
        {
            layer.train(false);
            _switchedToEval.Add(layer);
        }

        return null!;
    }

    private Tensor After(nn.Module<Tensor, Tensor> module, Tensor input, Tensor output)
    {
        var layer = (BatchNorm)module;
        if (!_switchedToEval.Remove(layer))
        {
            return null!;
        }

        layer.train(true);
        _synchronised.Add(layer);
        return GlobalBatchNorm.Forward(layer, input, _collectives);
    }
}
