using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Core.Schedules;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Validation;
using AlexNet.Tests.Shared;
using Microsoft.Extensions.Options;
using TorchSharp.Modules;

namespace AlexNet.Core.Tests.Schedules;

/// <summary>
/// Warmup then cosine or linear decay against torch's SequentialLR(LinearLR, CosineAnnealingLR / LinearLR), every
/// step of each run (tests/fixtures/recipes/warmup_reference.json, PyTorch 1.13).
/// </summary>
public class WarmupScheduleTests
{
    private const double Tolerance = 1e-12;

    private static readonly JsonObject Reference = JsonNode.Parse(File.ReadAllText(
        RepositoryFile.Find(Path.Combine("tests", "fixtures", "recipes", "warmup_reference.json"))))!["schedules"]!.AsObject();

    [Theory]
    [InlineData("cosine_epochs_12_warmup_3", 1)]
    [InlineData("cosine_epochs_6_warmup_0", 1)]
    [InlineData("linear_epochs_10_warmup_2", 1)]
    [InlineData("cosine_steps_3x8_warmup_1x8", 8)]
    [InlineData("linear_steps_4x5_warmup_1x5", 5)]
    public void Every_rate_matches_torch_sequential_lr(string key, int stepsPerEpoch)
    {
        var (options, lr, expected) = Case(key, stepsPerEpoch);
        int epochs = expected.Length / stepsPerEpoch;
        var schedule = LearningRateScheduleFactory.Create(options, lr, epochs, stepsPerEpoch);

        var rates = stepsPerEpoch == 1
            ? Enumerable.Range(0, epochs).Select(e => schedule.AtEpochStart(e)!.Value)
            : Enumerable.Range(0, expected.Length).Select(s => schedule.AtStep(s)!.Value.LearningRate);

        rates.Should().Equal(expected, (a, b) => System.Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void The_trainer_uses_the_per_step_warmup_rate_at_every_optimizer_step()
    {
        var (schedule, lr, expected) = Case("cosine_steps_3x8_warmup_1x8", 8);
        using var data = new InMemoryBatchSource(samples: 32, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 3);
        options.Optimizer.LearningRate = lr;
        options.Schedule = schedule;
        using var trainer = new Trainer(TrainingSetup.Model(), options);
        var seen = new RateRecorder();
        trainer.Hooks.Add(seen);

        trainer.Fit(data);

        seen.Rates.Should().Equal(expected, (a, b) => System.Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void Warmup_as_long_as_the_run_is_refused_with_a_message_naming_the_setting()
    {
        var options = TrainingSetup.Options(epochs: 3);
        options.Schedule.Kind = ScheduleKind.WarmupCosine;
        options.Schedule.Warmup.WarmupEpochs = 3;

        var act = () => OptionsValidation.ThrowIfInvalid(new TrainerOptionsValidator(), options);

        act.Should().Throw<OptionsValidationException>().WithMessage("*Warmup.WarmupEpochs must be fewer warmup epochs than the 3 epochs trained*got 3*");
    }

    private static (LearningRateScheduleOptions Options, double LearningRate, double[] Rates) Case(string key, int stepsPerEpoch)
    {
        var c = Reference[key]!.AsObject();
        bool cosine = c["kind"]!.GetValue<string>() == "cosine";
        var options = new LearningRateScheduleOptions { Kind = cosine ? ScheduleKind.WarmupCosine : ScheduleKind.WarmupLinear };
        options.Warmup.WarmupEpochs = c["warmup"]!.GetValue<int>() / stepsPerEpoch;
        options.Warmup.StartFactor = c["start_factor"]!.GetValue<double>();
        options.Warmup.PerStep = stepsPerEpoch > 1;
        if (cosine)
        {
            options.Warmup.MinLearningRate = c["last"]!.GetValue<double>();
        }
        else
        {
            options.Warmup.EndFactor = c["last"]!.GetValue<double>();
        }

        return (options, c["lr"]!.GetValue<double>(), Fixtures.Doubles(c["rates"]));
    }

    private sealed class RateRecorder : TrainingHook
    {
        public List<double> Rates { get; } = new();

        public override void OnBeforeOptimizerStep(TrainingState state, TorchSharp.torch.optim.Optimizer optimizer) =>
            Rates.Add(((OptimizerHelper)optimizer).ParamGroups.First().LearningRate);
    }
}
