using System.Linq;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>StepScheduleOptions.ResetOptimizerOnDecay (and MultiStep's): a new optimizer (fresh Adam moments) at each decay, as write-up 004 does.</summary>
public class OptimizerRestartTests
{
    [Fact]
    public void Resetting_on_decay_trains_exactly_like_a_new_adam_created_at_the_halved_rate()
    {
        using var data = new InMemoryBatchSource(samples: 8, batchSize: 4, shuffle: false);
        var restarted = Linear();
        var manual = Linear();
        manual.load_state_dict(restarted.state_dict());

        var options = AdamOptions(epochs: 2, learningRate: 0.04);
        options.Schedule = new LearningRateScheduleOptions { Kind = ScheduleKind.Step, Step = { StepSize = 1, Gamma = 0.5, ResetOptimizerOnDecay = true } };
        using (var trainer = new Trainer(restarted, options))
        {
            var first = trainer.Optimizer;
            trainer.Fit(data);
            trainer.Optimizer.Should().NotBeSameAs(first);
            trainer.Optimizer.ParamGroups.Single().LearningRate.Should().Be(0.02);
        }

        using (var firstEpoch = new Trainer(manual, AdamOptions(epochs: 1, learningRate: 0.04)))
        {
            firstEpoch.Fit(data);
        }

        using (var secondEpoch = new Trainer(manual, AdamOptions(epochs: 1, learningRate: 0.02)))
        {
            secondEpoch.Fit(data);
        }

        Weights.Bytes(restarted).Should().BeEquivalentTo(Weights.Bytes(manual));
    }

    [Fact]
    public void Without_the_reset_the_step_schedule_keeps_adams_state_and_trains_differently()
    {
        using var data = new InMemoryBatchSource(samples: 8, batchSize: 4, shuffle: false);
        var kept = Linear();
        var restarted = Linear();
        restarted.load_state_dict(kept.state_dict());

        foreach (var (model, reset) in new[] { (kept, false), (restarted, true) })
        {
            var options = AdamOptions(epochs: 2, learningRate: 0.04);
            options.Schedule = new LearningRateScheduleOptions { Kind = ScheduleKind.Step, Step = { StepSize = 1, Gamma = 0.5, ResetOptimizerOnDecay = reset } };
            using var trainer = new Trainer(model, options);
            var first = trainer.Optimizer;
            trainer.Fit(data);
            (trainer.Optimizer == first).Should().Be(!reset);
        }

        Weights.Bytes(kept)["1.weight"].Should().NotEqual(Weights.Bytes(restarted)["1.weight"]);
    }

    [Theory]
    [InlineData(ScheduleKind.Step, true, false, true)]
    [InlineData(ScheduleKind.MultiStep, false, true, true)]
    [InlineData(ScheduleKind.MultiStep, true, false, false)]
    [InlineData(ScheduleKind.OneCycle, true, true, false)]
    [InlineData(ScheduleKind.Cosine, true, true, false)]
    public void Only_the_reset_setting_of_the_schedule_in_use_is_read(ScheduleKind kind, bool stepReset, bool multiStepReset, bool expected)
    {
        var schedule = new LearningRateScheduleOptions
        {
            Kind = kind,
            Step = { ResetOptimizerOnDecay = stepReset },
            MultiStep = { ResetOptimizerOnDecay = multiStepReset },
        };

        schedule.ResetsOptimizerOnDecay.Should().Be(expected);
    }

    [Fact]
    public void A_reset_setting_of_a_schedule_not_in_use_keeps_the_optimizer()
    {
        using var data = new InMemoryBatchSource(samples: 8, batchSize: 4, shuffle: false);
        var options = AdamOptions(epochs: 2, learningRate: 0.04);
        options.Schedule = new LearningRateScheduleOptions { Kind = ScheduleKind.Cosine, Step = { StepSize = 1, ResetOptimizerOnDecay = true } };
        using var trainer = new Trainer(Linear(), options);
        var first = trainer.Optimizer;

        trainer.Fit(data);

        trainer.Optimizer.Should().BeSameAs(first);
    }

    private static TorchSharp.Modules.Sequential Linear()
    {
        manual_seed(5);
        return nn.Sequential(("0", nn.Flatten()), ("1", nn.Linear(64, 4)));
    }

    private static TrainerOptions AdamOptions(int epochs, double learningRate)
    {
        var options = TrainingSetup.Options(epochs);
        options.Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = learningRate, WeightDecay = 0 };
        return options;
    }
}
