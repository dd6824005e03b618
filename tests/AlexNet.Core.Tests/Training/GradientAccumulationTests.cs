using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Schedules;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>Gradient accumulation (TrainerOptions.AccumulateGradientBatches): equal to the big batch, and resumable mid-window.</summary>
[Collection(SerialTorchCollection.Name)]
public class GradientAccumulationTests
{
    [Fact]
    public void Two_accumulated_batches_of_four_equal_one_step_on_the_batch_of_eight()
    {
        // No dropout, no batch norm, float64: the only difference is the order of the additions (tolerance 1e-12).
        using var small = new InMemoryBatchSource(samples: 16, batchSize: 4, shuffle: false);
        using var big = new InMemoryBatchSource(samples: 16, batchSize: 8, shuffle: false);
        var accumulated = LinearModel();
        var reference = LinearModel();
        var options = TrainingSetup.Options(epochs: 2);
        options.GradientClipping.MaxNorm = 0.5;
        using var accumulating = new Trainer(accumulated, WithAccumulation(options, 2));
        using var plain = new Trainer(reference, options);

        var accumulatedResult = accumulating.Fit(small);
        var plainResult = plain.Fit(big);

        accumulatedResult.GlobalStep.Should().Be(4).And.Be(plainResult.GlobalStep);
        var expected = reference.parameters().Select(p => p.data<double>().ToArray()).ToArray();
        var actual = accumulated.parameters().Select(p => p.data<double>().ToArray()).ToArray();
        actual.Should().HaveCount(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].Should().Equal(expected[i], (a, b) => System.Math.Abs(a - b) <= 1e-12);
        }

        var initial = LinearModel().parameters().First().data<double>().ToArray();
        actual[0].Should().NotEqual(initial, "the optimizer must have stepped");
    }

    [Fact]
    public void A_run_resumed_inside_an_accumulation_window_equals_an_uninterrupted_run_bitwise()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 40, batchSize: 8, seed: 5);
        var options = WithAccumulation(TrainingSetup.Options(epochs: 3, logInterval: 1), 3);
        options.Schedule.Kind = ScheduleKind.WarmupCosine;
        options.Schedule.Warmup.PerStep = true;

        var straightModel = TrainingSetup.Model(seed: 11);
        using var straight = new Trainer(straightModel, options);
        var straightResult = straight.Fit(train);

        using (var firstPart = new Trainer(TrainingSetup.Model(seed: 11), options))
        {
            firstPart.Hooks.Add(new StopAfterBatch(epoch: 1, batch: 1));
            firstPart.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
            firstPart.Fit(train).Completed.Should().BeFalse();
        }

        var resumedModel = TrainingSetup.Model(seed: 999);
        using var resumed = new Trainer(resumedModel, options);
        var info = resumed.Resume("last", directory.Path);
        var resumedResult = resumed.Fit(train);

        info.Position.Should().Be(new TrainingPosition(1, 2), "batches 0 and 1 of the window [0, 3) have run");
        straightResult.GlobalStep.Should().Be(6, "five batches per epoch make windows of 3 and 2 batches");
        resumedResult.GlobalStep.Should().Be(straightResult.GlobalStep);
        Weights.Bytes(resumedModel).Should().BeEquivalentTo(Weights.Bytes(straightModel), o => o.WithStrictOrdering());
        resumedResult.History.Select(e => e.Values).Should().BeEquivalentTo(straightResult.History.Select(e => e.Values), o => o.WithStrictOrdering());
    }

    private static TrainerOptions WithAccumulation(TrainerOptions options, int batches)
    {
        var copy = System.Text.Json.JsonSerializer.Deserialize<TrainerOptions>(System.Text.Json.JsonSerializer.Serialize(options))!;
        copy.AccumulateGradientBatches = batches;
        return copy;
    }

    private static nn.Module<Tensor, Tensor> LinearModel()
    {
        random.manual_seed(21);
        return nn.Sequential(nn.Flatten(), nn.Linear(64, 16), nn.ReLU(), nn.Linear(16, 4)).to(float64);
    }

    private sealed class StopAfterBatch(int epoch, int batch) : TrainingHook
    {
        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output) =>
            state.Epoch == epoch && state.BatchIndex == batch ? HookControl.Stop("test stop inside a window") : HookControl.Continue;
    }
}
