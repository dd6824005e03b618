using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>The moving average of the weights (TrainerOptions.Ema) against timm's ModelEmaV2 rule, and its resume.</summary>
[Collection(SerialTorchCollection.Name)]
public class EmaTests
{
    [Theory]
    [InlineData(0.9, false)]
    [InlineData(0.99, true)]
    public void The_average_after_every_step_follows_timm_model_ema_v2(double decay, bool warmup)
    {
        using var data = new InMemoryBatchSource(samples: 24, batchSize: 4);
        var model = LinearModel();
        var initial = Flat(model);
        var options = TrainingSetup.Options(epochs: 2);
        options.Ema.Decay = decay;
        options.Ema.Warmup = warmup;
        using var trainer = new Trainer(model, options);
        var afterEachStep = new WeightRecorder();
        trainer.Hooks.Add(afterEachStep);

        trainer.Fit(data);

        // timm ModelEmaV2.update, written out: ema = d * ema + (1 - d) * model after each optimizer step n = 0, 1, ...
        // with d = decay, or with warmup d = min(decay, (1 + n) / (10 + n)); the average starts as the initial weights.
        var expected = (double[])initial.Clone();
        for (int n = 0; n < afterEachStep.Weights.Count; n++)
        {
            double d = warmup ? Math.Min(decay, (1.0 + n) / (10.0 + n)) : decay;
            expected = expected.Zip(afterEachStep.Weights[n], (e, m) => (d * e) + ((1 - d) * m)).ToArray();
        }

        var trained = Flat(model);
        double[] averaged;
        using (trainer.UseEmaWeights())
        {
            averaged = Flat(model);
        }

        afterEachStep.Weights.Should().HaveCount(12);
        averaged.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= 1e-12);
        averaged.Should().NotEqual(trained, "the average lags the weights");
        Flat(model).Should().Equal(trained, "disposing the scope puts the trained weights back");
    }

    [Fact]
    public void A_run_resumed_with_an_average_equals_an_uninterrupted_run_bitwise_in_weights_average_and_validation()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 40, batchSize: 8, seed: 5);
        using var validation = new InMemoryBatchSource(samples: 16, batchSize: 8, seed: 6, shuffle: false);
        var options = TrainingSetup.Options(epochs: 3, logInterval: 2);
        options.Ema.Decay = 0.95;
        options.Ema.Warmup = true;
        options.Ema.Validate = true;

        var straightModel = TrainingSetup.Model(seed: 11);
        using var straight = new Trainer(straightModel, options);
        var straightResult = straight.Fit(train, validation);

        using (var firstPart = new Trainer(TrainingSetup.Model(seed: 11), options))
        {
            firstPart.Hooks.Add(StopAtHook.Step(7));
            firstPart.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
            firstPart.Fit(train, validation).Completed.Should().BeFalse();
        }

        var resumedModel = TrainingSetup.Model(seed: 999);
        using var resumed = new Trainer(resumedModel, options);
        resumed.Resume("last", directory.Path).Position.Should().Be(new TrainingPosition(1, 2));
        var resumedResult = resumed.Fit(train, validation);

        Weights.Bytes(resumedModel).Should().BeEquivalentTo(Weights.Bytes(straightModel), o => o.WithStrictOrdering());
        using (straight.UseEmaWeights())
        using (resumed.UseEmaWeights())
        {
            Weights.Bytes(resumedModel).Should().BeEquivalentTo(Weights.Bytes(straightModel), o => o.WithStrictOrdering());
            Weights.Bytes(resumedModel).Should().NotBeEquivalentTo(Weights.Bytes(TrainingSetup.Model(seed: 11)));
        }

        resumedResult.History.Select(e => e.Values).Should().BeEquivalentTo(straightResult.History.Select(e => e.Values), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Asking_for_the_average_when_it_is_off_says_how_to_turn_it_on()
    {
        using var trainer = new Trainer(LinearModel(), TrainingSetup.Options());

        var act = () => trainer.UseEmaWeights();

        act.Should().Throw<InvalidOperationException>().WithMessage("*TrainerOptions.Ema.Decay*");
    }

    private static nn.Module<Tensor, Tensor> LinearModel()
    {
        random.manual_seed(21);
        return nn.Sequential(nn.Flatten(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 4)).to(float64);
    }

    private static double[] Flat(nn.Module<Tensor, Tensor> model) =>
        model.parameters().SelectMany(p => p.data<double>().ToArray()).ToArray();

    private sealed class WeightRecorder : TrainingHook
    {
        public List<double[]> Weights { get; } = new();

        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
        {
            Weights.Add(Flat(state.Model));
            return HookControl.Continue;
        }
    }
}
