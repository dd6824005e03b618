using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>Records every hook call as "Name(epoch,batch,step)" (position fields as the hook sees them).</summary>
internal sealed class RecordingHook : TrainingHook
{
    public List<string> Calls { get; } = new();

    public Func<TrainingState, HookControl>? OnBatchEnd { get; set; }

    public override void OnFitStart(TrainingState state) => Record(nameof(OnFitStart), state);

    public override void OnFitEnd(TrainingState state) => Record(nameof(OnFitEnd), state);

    public override void OnTrainEpochStart(TrainingState state) => Record(nameof(OnTrainEpochStart), state);

    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        Record(nameof(OnTrainEpochEnd), state);
        return HookControl.Continue;
    }

    public override void OnTrainBatchStart(TrainingState state, Batch batch) => Record(nameof(OnTrainBatchStart), state);

    public override void OnBeforeBackward(TrainingState state, Tensor loss) => Record(nameof(OnBeforeBackward), state);

    public override void OnAfterBackward(TrainingState state) => Record(nameof(OnAfterBackward), state);

    public override void OnBeforeOptimizerStep(TrainingState state, optim.Optimizer optimizer) => Record(nameof(OnBeforeOptimizerStep), state);

    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        Record(nameof(OnTrainBatchEnd), state);
        return OnBatchEnd?.Invoke(state) ?? HookControl.Continue;
    }

    public override void OnValidationStart(TrainingState state) => Record(nameof(OnValidationStart), state);

    public override void OnValidationBatchEnd(TrainingState state, BatchOutput output) => Record(nameof(OnValidationBatchEnd), state);

    public override HookControl OnValidationEnd(TrainingState state)
    {
        Record(nameof(OnValidationEnd), state);
        return HookControl.Continue;
    }

    public override void OnException(TrainingState state, Exception exception) => Calls.Add($"{nameof(OnException)}({exception.GetType().Name})");

    public override JsonObject? OnSaveCheckpoint(TrainingState state)
    {
        Record(nameof(OnSaveCheckpoint), state);
        return new JsonObject { ["calls"] = Calls.Count };
    }

    public override void OnLoadCheckpoint(TrainingState state, JsonObject hookState)
    {
        Record(nameof(OnLoadCheckpoint), state);
    }

    private void Record(string name, TrainingState state) => Calls.Add($"{name}({state.Epoch},{state.BatchIndex},{state.GlobalStep})");
}
