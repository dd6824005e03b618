using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Metrics;
using AlexNet.Core.Schedules;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;

namespace AlexNet.Core.Tests.Schedules;

/// <summary>Each schedule against torch.optim.lr_scheduler (tests/fixtures/trainer, PyTorch 1.13).</summary>
public class ScheduleTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData("step_5_half", 5, 0.5)]
    [InlineData("step_3_tenth", 3, 0.1)]
    public void Step_matches_torch_steplr(string key, int stepSize, double gamma)
    {
        var schedule = new StepSchedule(0.1, stepSize, gamma);

        EpochRates(schedule, Fixtures.Doubles(Fixtures.Schedules[key]).Length)
            .Should().Equal(Fixtures.Doubles(Fixtures.Schedules[key]), (a, b) => Close(a, b));
    }

    [Fact]
    public void Multi_step_matches_torch_multisteplr()
    {
        var expected = Fixtures.Doubles(Fixtures.Schedules["multistep_3_6_tenth"]);

        EpochRates(new MultiStepSchedule(0.1, new[] { 3, 6 }, 0.1), expected.Length).Should().Equal(expected, (a, b) => Close(a, b));
    }

    [Fact]
    public void Cosine_matches_torch_cosineannealinglr_over_the_epochs()
    {
        var expected = Fixtures.Doubles(Fixtures.Schedules["cosine_10_min_0.001"]);

        EpochRates(new CosineSchedule(0.1, 10, 0.001), expected.Length).Should().Equal(expected, (a, b) => Close(a, b));
    }

    [Fact]
    public void One_cycle_matches_torch_onecyclelr_in_rate_and_momentum_per_step()
    {
        var options = new OneCycleScheduleOptions { MaxLearningRate = 0.1 };
        var schedule = new OneCycleSchedule(0.01, 21, options);

        var steps = Enumerable.Range(0, 21).Select(s => schedule.AtStep(s)!.Value).ToArray();

        steps.Select(s => s.LearningRate).Should().Equal(Fixtures.Doubles(Fixtures.Schedules["onecycle_21_lr"]), (a, b) => Close(a, b));
        steps.Select(s => s.Momentum!.Value).Should().Equal(Fixtures.Doubles(Fixtures.Schedules["onecycle_21_momentum"]), (a, b) => Close(a, b));
    }

    [Fact]
    public void One_cycle_linear_with_adam_cycles_beta1_like_torch()
    {
        var options = new OneCycleScheduleOptions { MaxLearningRate = 0.01, AnnealStrategy = AnnealStrategy.Linear, PercentStart = 0.25 };
        var schedule = new OneCycleSchedule(0.001, 20, options);

        var steps = Enumerable.Range(0, 20).Select(s => schedule.AtStep(s)!.Value).ToArray();

        steps.Select(s => s.LearningRate).Should().Equal(Fixtures.Doubles(Fixtures.Schedules["onecycle_linear_adam_20_lr"]), (a, b) => Close(a, b));
        steps.Select(s => s.Momentum!.Value).Should().Equal(Fixtures.Doubles(Fixtures.Schedules["onecycle_linear_adam_20_beta1"]), (a, b) => Close(a, b));
    }

    [Theory]
    [InlineData("plateau_min_patience2_factor0.1", 2, 0.1, 0, 0.0)]
    [InlineData("plateau_min_patience1_cooldown1_minlr0.005", 1, 0.5, 1, 0.005)]
    public void Reduce_on_plateau_matches_torch_reducelronplateau(string key, int patience, double factor, int cooldown, double minLearningRate)
    {
        var options = new ReduceOnPlateauScheduleOptions
        {
            Monitor = "m", Patience = patience, Factor = factor, Cooldown = cooldown, MinLearningRate = minLearningRate,
        };
        var schedule = new ReduceOnPlateauSchedule(0.1, options);
        var metrics = Fixtures.Doubles(Fixtures.Schedules["plateau_metrics"]);
        var rates = new List<double> { 0.1 };

        for (int epoch = 0; epoch < metrics.Length - 1; epoch++)
        {
            double current = rates[^1];
            rates.Add(schedule.AtEpochEnd(epoch, new Dictionary<string, double> { ["m"] = metrics[epoch] }, current) ?? current);
        }

        rates.Should().Equal(Fixtures.Doubles(Fixtures.Schedules[key]), (a, b) => Close(a, b));
    }

    [Fact]
    public void Reduce_on_plateau_state_survives_a_save_and_load()
    {
        var options = new ReduceOnPlateauScheduleOptions { Monitor = "m", Patience = 2, Cooldown = 1 };
        var original = new ReduceOnPlateauSchedule(0.1, options);
        foreach (double m in new[] { 1.0, 0.9, 0.95, 0.96 })
        {
            original.AtEpochEnd(0, new Dictionary<string, double> { ["m"] = m }, 0.1);
        }

        var restored = new ReduceOnPlateauSchedule(0.1, options);
        restored.LoadState(original.SaveState());

        restored.SaveState().ToJsonString().Should().Be(original.SaveState().ToJsonString()).And.Contain("\"best\":0.9");
        restored.AtEpochEnd(4, new Dictionary<string, double> { ["m"] = 0.97 }, 0.1).Should().Be(original.AtEpochEnd(4, new Dictionary<string, double> { ["m"] = 0.97 }, 0.1));
    }

    [Fact]
    public void The_trainer_halves_the_rate_every_five_epochs_with_the_step_schedule()
    {
        using var data = new InMemoryBatchSource(samples: 8, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 12);
        options.Optimizer.LearningRate = 0.04;
        options.Schedule = new LearningRateScheduleOptions { Kind = ScheduleKind.Step, Step = { StepSize = 5, Gamma = 0.5 } };
        using var trainer = new Trainer(TrainingSetup.Model(), options);
        var monitor = new LearningRateMonitorHook();
        trainer.Hooks.Add(monitor);

        var result = trainer.Fit(data);

        result.History.Series(MetricNames.LearningRate).Should().Equal(0.04, 0.04, 0.04, 0.04, 0.04, 0.02, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01);
        monitor.Changes.Should().BeEquivalentTo(
            new[] { new LearningRateChange(1, 0, 0.04), new LearningRateChange(11, 5, 0.02), new LearningRateChange(21, 10, 0.01) },
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void The_trainer_divides_the_rate_by_ten_when_the_validation_error_plateaus_as_in_the_paper()
    {
        using var data = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var frozen = new InMemoryBatchSource(samples: 8, batchSize: 4, shuffle: false);
        var options = TrainingSetup.Options(epochs: 6);
        options.Optimizer.LearningRate = 1e-9; // practically no learning, and no batch norm: the validation error stays flat
        options.Optimizer.Sgd.Momentum = 0;
        options.Schedule = new LearningRateScheduleOptions
        {
            Kind = ScheduleKind.ReduceOnPlateau,
            ReduceOnPlateau = { Monitor = MetricNames.ValidationError, Factor = 0.1, Patience = 1, MinDelta = 0 },
        };
        using var trainer = new Trainer(new TinyMlp(), options);

        var result = trainer.Fit(data, frozen);

        var rates = result.History.Series(MetricNames.LearningRate);
        rates.Should().Equal(new[] { 1e-9, 1e-9, 1e-9, 1e-10, 1e-10, 1e-11 }, (a, b) => Close(a, b));
    }

    [Fact]
    public void Reduce_on_plateau_on_a_validation_metric_without_a_validation_source_is_refused_before_training()
    {
        using var data = new InMemoryBatchSource(samples: 8, batchSize: 4);
        var options = TrainingSetup.Options();
        options.Schedule.Kind = ScheduleKind.ReduceOnPlateau;
        using var trainer = new Trainer(TrainingSetup.Model(), options);

        var act = () => trainer.Fit(data);

        act.Should().Throw<System.ArgumentException>().WithMessage("*Schedule.ReduceOnPlateau.Monitor*val_loss*without a validation source*");
        trainer.GlobalStep.Should().Be(0);
    }

    private static bool Close(double actual, double expected) => System.Math.Abs(actual - expected) <= Tolerance * System.Math.Max(1, System.Math.Abs(expected));

    private static double[] EpochRates(LearningRateSchedule schedule, int epochs) =>
        Enumerable.Range(0, epochs).Select(e => schedule.AtEpochStart(e)!.Value).ToArray();
}
