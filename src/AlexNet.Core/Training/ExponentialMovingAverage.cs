using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Checkpoints;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The trainer's exponential moving average of the model's state dict (<see cref="EmaOptions"/>): updated on the device
/// after each optimizer step, swapped into the model on demand, and kept in checkpoints as the tensors <c>ema.KEY</c>.
/// </summary>
internal sealed class ExponentialMovingAverage : IDisposable
{
    private const string Prefix = "ema.";
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly EmaOptions _options;
    private readonly Tensor _updateCount = tensor(0L).DetachFromDisposeScope();
    private Dictionary<string, Tensor>? _average;
    private long _updates;

    /// <summary>Creates the (not yet started) average of <paramref name="model"/>.</summary>
    public ExponentialMovingAverage(nn.Module<Tensor, Tensor> model, EmaOptions options)
    {
        _model = model;
        _options = options;
    }

    /// <summary>Whether the options turn the average on.</summary>
    public bool Enabled => _options.Decay > 0;

    /// <summary>Whether the average holds values (after a fit started or a checkpoint was applied).</summary>
    public bool Started => _average is not null;

    /// <summary>The decay of update <paramref name="update"/> (0-based): Decay, or min(Decay, (1 + n) / (10 + n)) with warmup.</summary>
    public double DecayAt(long update) => _options.Warmup ? Math.Min(_options.Decay, (1.0 + update) / (10.0 + update)) : _options.Decay;

    /// <summary>Starts the average as a copy of the model's state dict, unless it already holds values.</summary>
    public void StartIfNeeded()
    {
        if (Enabled && _average is null)
        {
            _average = _model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
        }
    }

    /// <summary>One update after an optimizer step: ema = d * ema + (1 - d) * model for floating-point entries, a copy for others.</summary>
    public void Update()
    {
        if (_average is null)
        {
            return;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double decay = DecayAt(_updates++);
        foreach (var (key, value) in _model.state_dict())
        {
            var average = _average[key];
            if (average.is_floating_point())
            {
                average.mul_(decay).add_(value.mul(1 - decay));
            }
            else
            {
                average.copy_(value);
            }
        }
    }

    /// <summary>Copies the average into the model until the result is disposed, which puts the trained weights back.</summary>
    /// <exception cref="InvalidOperationException">The average is off or has not started.</exception>
    public IDisposable SwapIntoModel()
    {
        if (_average is null)
        {
            throw new InvalidOperationException(Enabled
                ? "The weight average starts when the first fit starts (or a checkpoint with one is applied); call Fit first."
                : "The weight average is off: set TrainerOptions.Ema.Decay to a value in (0, 1).");
        }

        var saved = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var (key, value) in _model.state_dict())
        {
            saved[key] = value.detach().clone().DetachFromDisposeScope();
            value.copy_(_average[key]);
        }

        return new Restore(_model, saved);
    }

    /// <summary>The average and its update count as named tensors (shared, not copies), for checkpoints; none when off.</summary>
    public IEnumerable<(string Name, Tensor Value)> StateTensors()
    {
        if (_average is null)
        {
            yield break;
        }

        _updateCount.fill_(_updates);
        yield return (Prefix + "#updates", _updateCount);
        foreach (var (key, value) in _average)
        {
            yield return (Prefix + key, value);
        }
    }

    /// <summary>Takes the average from a checkpoint's tensors, or starts it from the model when the checkpoint has none.</summary>
    /// <exception cref="CheckpointException">An entry is missing or differs from the model's in shape or dtype.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state, string path)
    {
        if (!Enabled)
        {
            return;
        }

        if (!state.TryGetValue(Prefix + "#updates", out var updates))
        {
            DisposeAverage();
            _updates = 0;
            StartIfNeeded();
            return;
        }

        if (updates.dtype != ScalarType.Int64 || updates.numel() != 1 || updates.item<long>() < 0)
        {
            throw new CheckpointException(path, $"'{Prefix}#updates' must be one non-negative int64, found {updates.dtype} of {updates.numel()} elements");
        }

        var loaded = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in _model.state_dict())
        {
            if (!state.TryGetValue(Prefix + key, out var stored) || stored.dtype != value.dtype || !stored.shape.SequenceEqual(value.shape))
            {
                string shape = string.Join(", ", value.shape);
                throw new CheckpointException(path, $"the weight average has no {value.dtype} entry '{Prefix}{key}' of shape [{shape}]");
            }

            loaded[key] = stored.to(value.device, copy: true).DetachFromDisposeScope();
        }

        DisposeAverage();
        _average = loaded;
        _updates = updates.item<long>();
    }

    /// <summary>Disposes the average.</summary>
    public void Dispose()
    {
        DisposeAverage();
        _updateCount.Dispose();
    }

    private void DisposeAverage()
    {
        foreach (var value in _average?.Values ?? Enumerable.Empty<Tensor>())
        {
            value.Dispose();
        }

        _average = null;
    }

    private sealed class Restore(nn.Module<Tensor, Tensor> model, Dictionary<string, Tensor> saved) : IDisposable
    {
        public void Dispose()
        {
            using var noGrad = no_grad();
            foreach (var (key, value) in model.state_dict())
            {
                if (saved.Remove(key, out var trained))
                {
                    value.copy_(trained);
                    trained.Dispose();
                }
            }
        }
    }
}
