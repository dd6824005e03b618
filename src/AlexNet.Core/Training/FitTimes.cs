using System;
using System.Globalization;

namespace AlexNet.Core.Training;

/// <summary>
/// Where the wall time of a <see cref="Trainer.Fit"/> call went, measured with the host clock: waiting for training
/// batches, the training steps, the hooks (logging, metric read-backs, checkpoints) and validation.
/// </summary>
/// <remarks>
/// On a CPU every operation finishes before the host goes on, so <see cref="Step"/> is the step's compute. On CUDA the
/// host queues work and waits later: time the GPU spends on steps shows up wherever the host next reads a value back
/// (a hook reading metrics, validation), so only <see cref="Total"/> and <see cref="DataWait"/> keep their meaning there.
/// </remarks>
public sealed class FitTimes
{
    internal FitTimes(TimeSpan dataWait, TimeSpan step, TimeSpan hooks, TimeSpan validation, TimeSpan total)
    {
        DataWait = dataWait;
        Step = step;
        Hooks = hooks;
        Validation = validation;
        Total = total;
    }

    /// <summary>Time spent waiting for the training source to deliver each batch (loading, transforms, copies).</summary>
    public TimeSpan DataWait { get; }

    /// <summary>Time in the training steps (forward, loss, backward, gradient reduction, optimizer, schedule), hooks excluded.</summary>
    public TimeSpan Step { get; }

    /// <summary>Time in the hooks during training (progress lines, metric read-backs, metrics files, checkpoints).</summary>
    public TimeSpan Hooks { get; }

    /// <summary>Time validating at the epochs' ends, validation hooks included.</summary>
    public TimeSpan Validation { get; }

    /// <summary>The whole Fit call.</summary>
    public TimeSpan Total { get; }

    /// <summary>The rest of <see cref="Total"/>: starting and resuming, epoch boundaries, schedules (never below zero).</summary>
    public TimeSpan Other
    {
        get
        {
            var rest = Total - DataWait - Step - Hooks - Validation;
            return rest < TimeSpan.Zero ? TimeSpan.Zero : rest;
        }
    }

    /// <summary>
    /// What everything besides the steps adds, as a fraction of <see cref="Step"/>: (Total - Step) / Step; 0 when no
    /// step ran.
    /// </summary>
    public double OverheadOverStep => Step > TimeSpan.Zero ? (Total - Step).TotalSeconds / Step.TotalSeconds : 0;

    /// <summary>
    /// One line such as "step 51.2 s (91.0%), waiting for data 1.1 s (2.0%), hooks 0.4 s (0.7%), validation 3.3 s
    /// (5.9%), other 0.2 s (0.4%); 9.9% over the bare step".
    /// </summary>
    public override string ToString()
    {
        string Part(string name, TimeSpan time) => string.Create(
            CultureInfo.InvariantCulture, $"{name} {time.TotalSeconds:F1} s ({Share(time):P1})");
        return string.Join(", ", Part("step", Step), Part("waiting for data", DataWait), Part("hooks", Hooks), Part("validation", Validation), Part("other", Other))
            + string.Create(CultureInfo.InvariantCulture, $"; {OverheadOverStep:P1} over the bare step");
    }

    private double Share(TimeSpan part) => Total > TimeSpan.Zero ? part.TotalSeconds / Total.TotalSeconds : 0;
}
