using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Sets what happens when training goes bad: a NaN or infinite input, loss or gradient, a finite loss above
/// <see cref="DivergenceThreshold"/>, or a non-finite epoch metric. Without this hook the trainer throws a
/// <see cref="TrainingDivergedException"/> on a non-finite value; with it, <see cref="Policy"/> decides (stop cleanly
/// by default, throw, or warn and train on).
/// </summary>
/// <remarks>
/// <para>The trainer watches every step on the device and reads the record back at log intervals and epoch ends, so
/// the check costs no synchronisation per step and the message still names the first bad step exactly.</para>
/// <para>With <c>checkEveryStep</c>, the batch loss is also read back after every step (one host synchronisation per
/// step), which stops on the bad step itself.</para>
/// </remarks>
public sealed class NanGuardHook : TrainingHook, IDivergenceGuard
{
    private readonly bool _checkEveryStep;
    private readonly List<string> _warnings = new();

    /// <summary>Creates the guard.</summary>
    /// <param name="checkEveryStep">Also read every batch loss back (costs a host synchronisation per step). Default false.</param>
    public NanGuardHook(bool checkEveryStep = false)
    {
        _checkEveryStep = checkEveryStep;
    }

    /// <summary>What to do about a bad step: <see cref="NonFinitePolicy.Stop"/> (default), Throw or Warn.</summary>
    public NonFinitePolicy Policy { get; init; } = NonFinitePolicy.Stop;

    /// <summary>
    /// A finite batch loss above this counts as divergence too (set it before <see cref="Trainer.Fit"/>). Default
    /// 1e6, far above any mean classification loss of a working run (ln 1000 is 6.9); positive infinity turns it off.
    /// </summary>
    public double DivergenceThreshold { get; init; } = 1e6;

    /// <summary>The message of the last problem reported, or null.</summary>
    public string? Message { get; private set; }

    /// <summary>Every problem reported under <see cref="NonFinitePolicy.Warn"/>, in order.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

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
                return React(new TrainingDivergedException(state.GlobalStep, state.Epoch, "loss", loss, null));
            }
        }

        return state.Divergence is { } problem ? React(problem) : HookControl.Continue;
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epoch = state.History.Last!;
        foreach (var (name, value) in epoch.Values.Where(kv => !double.IsFinite(kv.Value)))
        {
            string message = string.Create(CultureInfo.InvariantCulture,
                $"NaN guard: {name} is {value} (not finite) at step {epoch.GlobalStep}, epoch {state.Epoch}. Lower the learning rate, enable gradient clipping (TrainerOptions.GradientClipping), or check the inputs for NaN.");
            return React(message, new TrainingDivergedException(epoch.GlobalStep, state.Epoch, name, value, null));
        }

        return HookControl.Continue;
    }

    private HookControl React(TrainingDivergedException problem)
    {
        string what = problem.Threshold is double t
            ? string.Create(CultureInfo.InvariantCulture, $"the loss {problem.Loss:E3} is above the divergence threshold {t}")
            : $"the {problem.Tensor} is not finite (NaN or infinite)";
        string message = string.Create(CultureInfo.InvariantCulture,
            $"NaN guard: {what} at step {problem.Step}, epoch {problem.Epoch}. Lower the learning rate, enable gradient clipping (TrainerOptions.GradientClipping), or check the inputs for NaN.");
        return React(message, problem);
    }

    private HookControl React(string message, TrainingDivergedException problem)
    {
        Message = message;
        switch (Policy)
        {
            case NonFinitePolicy.Throw:
                throw problem;
            case NonFinitePolicy.Warn:
                _warnings.Add(message);
                return HookControl.Continue;
            default:
                return HookControl.Stop(message);
        }
    }
}
