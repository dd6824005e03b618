using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>Stops training cleanly at a given global step (after the batch) or at the end of a given epoch.</summary>
internal sealed class StopAtHook : TrainingHook
{
    private readonly long? _step;
    private readonly int? _afterEpoch;

    private StopAtHook(long? step, int? afterEpoch)
    {
        _step = step;
        _afterEpoch = afterEpoch;
    }

    public static StopAtHook Step(long step) => new(step, null);

    public static StopAtHook EndOfEpoch(int epoch) => new(null, epoch);

    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output) =>
        state.GlobalStep == _step ? HookControl.Stop($"test stop at step {_step}") : HookControl.Continue;

    public override HookControl OnTrainEpochEnd(TrainingState state) =>
        state.Epoch == _afterEpoch ? HookControl.Stop($"test stop after epoch {_afterEpoch}") : HookControl.Continue;
}
