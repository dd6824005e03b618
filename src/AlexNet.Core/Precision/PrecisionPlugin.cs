using System;
using System.Collections.Generic;
using AlexNet.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// The numeric precision of training, applied from outside the model (as Lightning's precision plugins): it wraps
/// the forward pass, the backward pass and the optimizer step. <see cref="FullPrecision"/> runs "32-true",
/// <see cref="MixedPrecision"/> runs "bf16-mixed" and "16-mixed".
/// </summary>
/// <remarks>
/// One training step calls <see cref="Forward"/>, <see cref="Backward"/>, then (after the strategy reduced the
/// gradients) <see cref="UnscaleGradients"/>, and after clipping <see cref="OptimizerStep"/>. Evaluation and
/// prediction call <see cref="Forward"/> too, so they run in the training precision.
/// </remarks>
internal abstract class PrecisionPlugin
{
    /// <summary>The dtype convolutions and Linear layers compute in, or null for float32.</summary>
    public virtual ScalarType? ComputeType => null;

    /// <summary>Whether the convolutions run in channels-last layout.</summary>
    public abstract bool ChannelsLast { get; }

    /// <summary>The loss scaler of "16-mixed", or null.</summary>
    public virtual DynamicLossScaler? LossScaler => null;

    /// <summary>
    /// The plugin for <paramref name="precision"/> and the channels-last option (null: channels-last under a mixed
    /// precision, see <see cref="UsesChannelsLast"/>), for <paramref name="model"/> trained on <paramref name="device"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Mixed precision or channels-last for a model that is not an <see cref="AlexNetModel"/>.</exception>
    /// <exception cref="InvalidOperationException">"16-mixed" on a device other than CUDA.</exception>
    public static PrecisionPlugin Create(TrainingPrecision precision, bool? channelsLastOption, nn.Module model, Device device)
    {
        bool channelsLast = UsesChannelsLast(precision, channelsLastOption);
        if (model is not AlexNetModel && precision.ComputeType is not null)
        {
            throw new ArgumentException(
                $"TrainerOptions.Precision is \"{precision}\", but the model {model.GetType().Name} is not an AlexNetModel, " +
                "whose layers the mixed-precision forward runs; use \"32-true\".",
                nameof(model));
        }

        if (model is not AlexNetModel && channelsLast)
        {
            throw new ArgumentException(
                $"TrainerOptions.ChannelsLast is true, but the model {model.GetType().Name} is not an AlexNetModel, " +
                "whose layers the channels-last forward runs; set it to false.",
                nameof(model));
        }

        if (precision.NeedsLossScaling && device.type != DeviceType.CUDA)
        {
            throw new InvalidOperationException(
                $"TrainerOptions.Precision \"16-mixed\" needs a CUDA device; training runs on {device}. Use \"bf16-mixed\" on the CPU.");
        }

        return precision.ComputeType is { } computeType
            ? new MixedPrecision(computeType, channelsLast, precision.NeedsLossScaling ? new DynamicLossScaler() : null)
            : new FullPrecision(channelsLast);
    }

    /// <summary>
    /// Whether convolutions run channels-last: as <paramref name="channelsLastOption"/> says, or when it is null, under a
    /// mixed precision only (its low-precision convolutions are faster in that layout; float32 keeps the default).
    /// </summary>
    public static bool UsesChannelsLast(TrainingPrecision precision, bool? channelsLastOption) =>
        channelsLastOption ?? precision.ComputeType is not null;

    /// <summary>The model's outputs for <paramref name="input"/> (on <paramref name="model"/>'s device); the caller owns them.</summary>
    public abstract Tensor Forward(nn.Module<Tensor, Tensor> model, Tensor input);

    /// <summary>Backward of <paramref name="loss"/> (scaled where the precision scales it).</summary>
    public virtual void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.backward();
    }

    /// <summary>Undoes the loss scaling on the reduced gradients, and notes whether the optimizer may step.</summary>
    public virtual void UnscaleGradients(IReadOnlyList<Parameter> parameters)
    {
    }

    /// <summary>The optimizer step (skipped by a precision that found non-finite gradients).</summary>
    public virtual void OptimizerStep(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.step();
    }
}
