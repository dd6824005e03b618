using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public class ResumeEquivalenceTests
{
    public static TheoryData<string, OptimizerKind, ScheduleKind, int, int> Cases => new()
    {
        // name, optimizer, schedule, stop after this global step (0 = at an epoch boundary), stop after this epoch
        { "SGD, step schedule, resume at an epoch boundary", OptimizerKind.Sgd, ScheduleKind.Step, 0, 1 },
        { "AdamW, one-cycle (per-step rate and beta1), resume mid-epoch", OptimizerKind.AdamW, ScheduleKind.OneCycle, 13, 0 },
        { "SGD Nesterov, reduce-on-plateau, resume mid-epoch", OptimizerKind.Sgd, ScheduleKind.ReduceOnPlateau, 21, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Four_epochs_straight_equal_two_epochs_then_a_new_trainer_resumed_from_the_checkpoint_bitwise(
        string name, OptimizerKind optimizer, ScheduleKind schedule, int stopStep, int stopEpoch)
    {
        _ = name;
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 6 * 8, batchSize: 8, classes: 4, seed: 5);
        using var validation = new InMemoryBatchSource(samples: 16, batchSize: 8, classes: 4, seed: 6, shuffle: false);

        var straightModel = TrainingSetup.Model(seed: 11);
        using var straight = new Trainer(straightModel, Options(optimizer, schedule));
        var straightResult = straight.Fit(train, validation);

        using (var firstHalf = new Trainer(TrainingSetup.Model(seed: 11), Options(optimizer, schedule)))
        {
            firstHalf.Hooks.Add(stopStep > 0 ? StopAtHook.Step(stopStep) : StopAtHook.EndOfEpoch(stopEpoch));
            firstHalf.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path }));
            firstHalf.Fit(train, validation).Completed.Should().BeFalse();
        }

        var resumedModel = TrainingSetup.Model(seed: 999);
        using var resumed = new Trainer(resumedModel, Options(optimizer, schedule));
        resumed.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path }));
        var info = resumed.Resume("last");
        var resumedResult = resumed.Fit(train, validation);

        info.Position.Should().Be(stopStep > 0 ? new TrainingPosition(stopStep / 6, stopStep % 6) : new TrainingPosition(stopEpoch + 1, 0));
        resumedResult.Completed.Should().BeTrue();
        resumedResult.GlobalStep.Should().Be(straightResult.GlobalStep).And.Be(24);
        Weights.Bytes(resumedModel).Should().BeEquivalentTo(Weights.Bytes(straightModel), o => o.WithStrictOrdering());
        resumedResult.History.Should().HaveCount(4);
        for (int e = 0; e < 4; e++)
        {
            resumedResult.History[e].GlobalStep.Should().Be(straightResult.History[e].GlobalStep);
            resumedResult.History[e].Values.Should().Equal(straightResult.History[e].Values);
        }

        straightResult.History.Series(MetricNames.LearningRate).Distinct().Should().HaveCountGreaterThan(1, "the schedule must have changed the rate to make the test meaningful");
    }

    private static TrainerOptions Options(OptimizerKind optimizer, ScheduleKind schedule)
    {
        var options = TrainingSetup.Options(epochs: 4, logInterval: 4);
        options.Optimizer.Kind = optimizer;
        options.Optimizer.Sgd.Nesterov = optimizer == OptimizerKind.Sgd && schedule == ScheduleKind.ReduceOnPlateau;
        options.Optimizer.LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 0.01;
        options.Schedule = new LearningRateScheduleOptions
        {
            Kind = schedule,
            Step = { StepSize = 2, Gamma = 0.5 },
            ReduceOnPlateau = { Monitor = MetricNames.TrainLoss, Patience = 0, Threshold = 0.5 },
        };
        options.Loss.LabelSmoothing = 0.1;
        options.GradientClipping.MaxNorm = 2.0;
        return options;
    }
}
