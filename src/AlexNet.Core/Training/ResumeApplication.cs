using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AlexNet.Core.Checkpoints;

namespace AlexNet.Core.Training;

/// <summary>
/// Applies the parts of a checkpoint that take effect when the next fit starts: the CPU generator's state, the
/// schedule's state, the running metric sums and accumulated gradients of a mid-epoch position, the weight average, and every hook's state. The checkpoint is
/// untrusted input: a part that cannot be applied is a <see cref="CheckpointException"/> naming the file and the part.
/// </summary>
internal static class ResumeApplication
{
    /// <exception cref="CheckpointException">A stored part has the wrong form for this trainer or hook.</exception>
    public static void Apply(TrainerContext context, LoadedCheckpoint resume)
    {
        var state = context.State;
        string part = "CPU random generator state";
        try
        {
            if (resume.CpuRngState is not null)
            {
                Reproducibility.RestoreCpuState(resume.CpuRngState);
            }

            part = "learning-rate schedule state";
            if (resume.Metadata.Schedule is { } scheduleState)
            {
                context.Schedule!.LoadState(scheduleState);
            }

            part = "running metric sums";
            if (state.Position.Batch > 0)
            {
                state.MarkTrainMetricsStale();
                context.TrainSums.LoadState(resume.AccumulatorState);
                part = "accumulated gradients";
                context.Accumulation.LoadState(state.Position, resume.AccumulatorState, context.Parameters, resume.Path);
            }

            part = "weight average (EMA)";
            context.Ema.LoadState(resume.AccumulatorState, resume.Path);

            foreach (var (hook, key) in context.Hooks.WithStateKeys())
            {
                part = $"state of the hook '{CheckpointText.Printable(key)}'";
                if (resume.Metadata.Hooks.TryGetValue(key, out var hookState))
                {
                    hook.OnLoadCheckpoint(state, hookState);
                }
            }
        }
        catch (Exception e) when (IsMalformedState(e))
        {
            throw new CheckpointException(resume.Path, $"the stored {part} cannot be applied: {CheckpointText.Printable(e.Message)}", null, e);
        }
    }

    /// <summary>What reading a JSON or tensor state of the wrong form throws (a CheckpointException is already typed).</summary>
    internal static bool IsMalformedState(Exception e) =>
        e is not CheckpointException
        && e is FormatException or InvalidOperationException or ArgumentException or InvalidCastException or OverflowException
            or IndexOutOfRangeException or KeyNotFoundException or ExternalException;
}
