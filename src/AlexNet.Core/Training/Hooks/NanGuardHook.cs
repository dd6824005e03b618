using System;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Stops training cleanly when the loss or any epoch metric becomes NaN or infinite, with a message naming the
/// metric and the step. Checked when the running metrics are read back (every log interval and at epoch ends), so it
/// costs no synchronisation; the first bad step is tracked on the device, so the message names it exactly.
/// </summary>
/// <remarks>With <c>checkEveryStep</c>, the batch loss is also read back after every step (one host synchronisation per step).</remarks>
public sealed class NanGuardHook : TrainingHook
{
    private readonly bool _checkEveryStep;

    /// <summary>Creates the guard.</summary>
    /// <param name="checkEveryStep">Also read every batch loss back (costs a host synchronisation per step). Default false.</param>
    public NanGuardHook(bool checkEveryStep = false)
    {
        _checkEveryStep = checkEveryStep;
    }

    /// <summary>The message of the last stop, or null.</summary>
    public string? Message { get; private set; }

    /// <inheritdoc />
    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(output);
        if (_checkEveryStep)
        {
            double loss = output.Loss.to(TorchSharp.torch.ScalarType.Float64).item<double>();
            if (!double.IsFinite(loss))
            {
                return Stop(state, MetricNames.TrainLoss, loss, state.GlobalStep);
            }
        }

        var metrics = state.TrainMetrics;
        if (state.IsLogStep && metrics.NonFiniteLossBatches > 0)
        {
            return Stop(state, MetricNames.TrainLoss, metrics.Loss, metrics.FirstNonFiniteStep ?? state.GlobalStep);
        }

        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epoch = state.History.Last!;
        foreach (var (name, value) in epoch.Values.Where(kv => !double.IsFinite(kv.Value)))
        {
            long step = name == MetricNames.TrainLoss ? state.TrainMetrics.FirstNonFiniteStep ?? epoch.GlobalStep : epoch.GlobalStep;
            return Stop(state, name, value, step);
        }

        return HookControl.Continue;
    }

    private HookControl Stop(TrainingState state, string metric, double value, long step)
    {
        Message = string.Create(CultureInfo.InvariantCulture,
            $"NaN guard: {metric} is {value} (not finite) at step {step}, epoch {state.Epoch}. Lower the learning rate, enable gradient clipping (TrainerOptions.GradientClipping), or check the inputs for NaN.");
        return HookControl.Stop(Message);
    }
}
