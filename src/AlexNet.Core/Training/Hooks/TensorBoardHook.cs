using System;
using System.IO;
using TorchSharp;
using TorchSharp.Modules;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Writes TensorBoard event files with TorchSharp's SummaryWriter: at every log step the running
/// <c>train/loss</c>, <c>train/top1</c> and <c>train/lr</c>; at every epoch end <c>epoch/NAME</c> for each metric of
/// the epoch (train_loss, val_top1, ...). The x axis is the global step.
/// </summary>
public sealed class TensorBoardHook : TrainingHook
{
    private SummaryWriter? _writer;

    /// <summary>Writes into <paramref name="logDirectory"/> (created when missing); point <c>tensorboard --logdir</c> at it.</summary>
    public TensorBoardHook(string logDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDirectory);
        LogDirectory = Path.GetFullPath(logDirectory);
    }

    /// <summary>The event file directory.</summary>
    internal string LogDirectory { get; }

    /// <inheritdoc />
    /// <remarks>Only the process that writes files (<see cref="TrainingState.IsGlobalZero"/>) opens a writer; the others log nothing.</remarks>
    public override void OnFitStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsGlobalZero)
        {
            _writer ??= torch.utils.tensorboard.SummaryWriter(LogDirectory);
        }
    }

    /// <inheritdoc />
    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsLogStep && _writer is not null)
        {
            int step = checked((int)state.GlobalStep);
            _writer.add_scalar("train/loss", (float)state.TrainMetrics.Loss, step);
            _writer.add_scalar("train/top1", (float)state.TrainMetrics.Top1, step);
            _writer.add_scalar("train/lr", (float)state.LearningRate, step);
        }

        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_writer is not null && state.History.Last is { } epoch)
        {
            int step = checked((int)state.GlobalStep);
            foreach (var (name, value) in epoch.Values)
            {
                _writer.add_scalar("epoch/" + name, (float)value, step);
            }
        }

        return HookControl.Continue;
    }
}
