using System;
using System.Text.Json.Nodes;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Base class of everything that plugs into <see cref="Trainer.Fit"/>: progress display, logging, checkpoints,
/// early stopping. Every method is a no-op by default; override the ones you need. Names follow PyTorch Lightning's
/// callback vocabulary, and docs/trainer.md lists the exact call order.
/// </summary>
/// <remarks>
/// <para>Hooks run in the order they were added to <see cref="Trainer.Hooks"/>, on the thread that called Fit.</para>
/// <para>Methods returning <see cref="HookControl"/> can stop training cleanly; every hook still sees the event
/// that stopped it.</para>
/// <para>A hook must not read tensors back to the host on every batch unless it accepts the cost: the trainer reads
/// the running metrics back every <see cref="TrainerOptions.LogInterval"/> steps and offers them in
/// <see cref="TrainingState.TrainMetrics"/> (<see cref="TrainingState.IsLogStep"/> tells when they are fresh).</para>
/// </remarks>
public abstract class TrainingHook
{
    /// <summary>
    /// The key under which this hook's checkpoint state is stored. Defaults to the type's full name; a second hook
    /// with the same key gets "#2" appended, and so on, in the order hooks were added.
    /// </summary>
    public virtual string StateKey => GetType().FullName ?? GetType().Name;

    /// <summary>Called once when Fit starts (after a resumed checkpoint's state has been loaded).</summary>
    public virtual void OnFitStart(TrainingState state)
    {
    }

    /// <summary>Called once when Fit ends normally: all epochs done, or a hook asked to stop. Not called after an exception.</summary>
    public virtual void OnFitEnd(TrainingState state)
    {
    }

    /// <summary>Called at the start of every training epoch (also when resuming in the middle of one).</summary>
    public virtual void OnTrainEpochStart(TrainingState state)
    {
    }

    /// <summary>
    /// Called at the end of every training epoch, after validation, once the epoch's metrics are in
    /// <see cref="TrainingState.History"/> and the trainer's position points at the next epoch (a checkpoint written
    /// here resumes with the next epoch).
    /// </summary>
    public virtual HookControl OnTrainEpochEnd(TrainingState state) => HookControl.Continue;

    /// <summary>Called before each training batch runs; <paramref name="batch"/> is still on the source's device.</summary>
    public virtual void OnTrainBatchStart(TrainingState state, Batch batch)
    {
    }

    /// <summary>Called after the forward pass, before backward, with the batch's mean loss (a device scalar).</summary>
    public virtual void OnBeforeBackward(TrainingState state, Tensor loss)
    {
    }

    /// <summary>Called after backward: gradients are in the parameters, not yet clipped.</summary>
    public virtual void OnAfterBackward(TrainingState state)
    {
    }

    /// <summary>Called after gradient clipping, just before the optimizer step.</summary>
    public virtual void OnBeforeOptimizerStep(TrainingState state, optim.Optimizer optimizer)
    {
    }

    /// <summary>
    /// Called after each training batch (the optimizer has stepped and <see cref="TrainingState.GlobalStep"/> counts it).
    /// </summary>
    public virtual HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output) => HookControl.Continue;

    /// <summary>Called before the validation pass at the end of an epoch.</summary>
    public virtual void OnValidationStart(TrainingState state)
    {
    }

    /// <summary>Called after each validation batch.</summary>
    public virtual void OnValidationBatchEnd(TrainingState state, BatchOutput output)
    {
    }

    /// <summary>Called after the validation pass; <see cref="TrainingState.Validation"/> holds its result.</summary>
    public virtual HookControl OnValidationEnd(TrainingState state) => HookControl.Continue;

    /// <summary>
    /// Called when Fit fails with an exception, cancellation included (<see cref="OperationCanceledException"/>);
    /// Fit then rethrows it. <see cref="TrainingState.Position"/> is the batch to resume from.
    /// </summary>
    public virtual void OnException(TrainingState state, Exception exception)
    {
    }

    /// <summary>
    /// Called while a checkpoint is being written: return this hook's state to store (or null for none). It comes
    /// back through <see cref="OnLoadCheckpoint"/> when a run resumes from the checkpoint.
    /// </summary>
    public virtual JsonObject? OnSaveCheckpoint(TrainingState state) => null;

    /// <summary>Called when a resumed fit starts, before <see cref="OnFitStart"/>, with the state this hook saved.</summary>
    public virtual void OnLoadCheckpoint(TrainingState state, JsonObject hookState)
    {
    }
}
