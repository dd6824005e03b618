using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Gradient accumulation over <see cref="TrainerOptions.AccumulateGradientBatches"/> (K) batches, as Lightning's
/// <c>accumulate_grad_batches</c>: the windows are batches [0, K), [K, 2K), ... of each epoch, the last one ending with
/// the epoch (possibly shorter); each batch's loss is divided by K before backward, and the gradients are zeroed at a
/// window's first batch and stepped (unscaled, clipped, checked, optimizer step) at its last.
/// </summary>
/// <remarks>
/// Mid-window, the gradients accumulated so far are part of the trainer's state: checkpoints keep them as the tensors
/// <c>accumulated_grad.N</c> (N: the trainable parameter's index) and a resume puts them back, so a resumed run equals
/// an uninterrupted one.
/// </remarks>
internal sealed class GradientAccumulation
{
    private const string Prefix = "accumulated_grad.";

    /// <summary>Creates the rule for <paramref name="batches"/> batches per window (&gt;= 1).</summary>
    public GradientAccumulation(int batches)
    {
        Batches = batches;
    }

    /// <summary>K, the batches per optimizer step.</summary>
    public int Batches { get; }

    /// <summary>Optimizer steps in an epoch of <paramref name="batchesPerEpoch"/> batches: ceil(batches / K).</summary>
    public int StepsPerEpoch(int batchesPerEpoch) => (int)((batchesPerEpoch + (long)Batches - 1) / Batches);

    /// <summary>Whether batch <paramref name="index"/> of an epoch opens a window (its gradients start from zero).</summary>
    public bool StartsWindow(int index) => index % Batches == 0;

    /// <summary>Whether batch <paramref name="index"/> of an epoch of <paramref name="batchesPerEpoch"/> closes a window (the optimizer steps).</summary>
    public bool EndsWindow(int index, int batchesPerEpoch) => (index + 1) % Batches == 0 || index == batchesPerEpoch - 1;

    /// <summary>The batch's position within its window (0 at a window's first batch).</summary>
    public int MicroStep(int index) => index % Batches;

    /// <summary>The loss to back-propagate: <paramref name="loss"/> / K.</summary>
    public Tensor ScaleForBackward(Tensor loss) => Batches == 1 ? loss : loss.div(Batches);

    /// <summary>The accumulated gradients to checkpoint when <paramref name="position"/> is inside a window, else none.</summary>
    public IEnumerable<(string Name, Tensor Value)> StateTensors(TrainingPosition position, IReadOnlyList<Parameter> parameters)
    {
        if (StartsWindow(position.Batch))
        {
            yield break;
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].grad is { } grad)
            {
                yield return (Prefix + i.ToString(CultureInfo.InvariantCulture), grad);
            }
        }
    }

    /// <summary>
    /// Puts the accumulated gradients of a checkpoint back when <paramref name="position"/> is inside a window;
    /// parameters without a stored gradient get none.
    /// </summary>
    /// <exception cref="CheckpointException">A stored gradient names no parameter or differs from it in shape or dtype.</exception>
    public void LoadState(TrainingPosition position, IReadOnlyDictionary<string, Tensor> state, IReadOnlyList<Parameter> parameters, string path)
    {
        if (StartsWindow(position.Batch))
        {
            return;
        }

        using var noGrad = no_grad();
        var stored = state.Where(kv => kv.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var name in stored.Keys)
        {
            bool known = int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < parameters.Count;
            if (!known)
            {
                throw new CheckpointException(path, $"the accumulated gradient '{name}' names no trainable parameter (the model has {parameters.Count})");
            }
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (!stored.TryGetValue(Prefix + i.ToString(CultureInfo.InvariantCulture), out var grad))
            {
                parameter.grad = null;
                continue;
            }

            if (!grad.shape.SequenceEqual(parameter.shape) || grad.dtype != parameter.dtype)
            {
                string found = $"{grad.dtype} [{string.Join(", ", grad.shape)}]";
                string expected = $"{parameter.dtype} [{string.Join(", ", parameter.shape)}]";
                throw new CheckpointException(path, $"the accumulated gradient of parameter {i} is {found}, expected {expected}");
            }

            parameter.grad = grad.to(parameter.device, copy: true).DetachFromDisposeScope();
        }
    }
}
