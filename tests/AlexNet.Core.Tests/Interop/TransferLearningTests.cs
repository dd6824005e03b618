using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>Freezing the features, and a lower learning rate for them than for the classifier.</summary>
public class TransferLearningTests
{
    [Fact]
    public void Freeze_features_stops_gradients_of_the_convolutions_only_and_unfreeze_restores_them()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });

        model.FreezeFeatures();

        model.named_parameters().Where(p => p.name.StartsWith("features.")).Should().HaveCount(10).And.OnlyContain(p => !p.parameter.requires_grad);
        model.named_parameters().Where(p => p.name.StartsWith("classifier.")).Should().HaveCount(6).And.OnlyContain(p => p.parameter.requires_grad);
        model.UnfreezeFeatures();
        model.parameters().Should().OnlyContain(p => p.requires_grad);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void Features_learning_rate_scale_gives_the_features_their_own_parameter_group(OptimizerKind kind)
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });
        var options = new OptimizerOptions { Kind = kind, LearningRate = 0.01, FeaturesLearningRateScale = 0.1 };

        using var optimizer = OptimizerFactory.Create(options, model.named_parameters());

        var groups = optimizer.ParamGroups.ToList();
        groups.Should().HaveCount(2);
        groups[0].LearningRate.Should().Be(0.01);
        Count(groups[0]).Should().Be(6);
        groups[1].LearningRate.Should().BeApproximately(0.001, 1e-15);
        Count(groups[1]).Should().Be(10);
        OptimizerFactory.GroupScale(options, 1).Should().Be(0.1);
    }

    [Fact]
    public void The_trainer_keeps_the_features_rate_scaled_when_a_schedule_sets_the_rate()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var data = new AlexNet.Core.Tests.Training.Support.InMemoryBatchSource(8, 4, classes: 10, channels: 3, size: 63);
        var options = new TrainerOptions { Epochs = 1, Optimizer = { LearningRate = 0.01, FeaturesLearningRateScale = 0.1 } };
        options.Schedule.Kind = ScheduleKind.Step;
        options.Schedule.Step.StepSize = 1;
        options.Schedule.Step.Gamma = 0.5;
        using var trainer = new Trainer(model, options);

        trainer.Fit(data);

        var rates = trainer.Optimizer.ParamGroups.Select(g => g.LearningRate).ToList();
        rates.Should().HaveCount(2);
        rates[1].Should().BeApproximately(rates[0] * 0.1, 1e-15);
    }

    [Fact]
    public void The_default_scale_keeps_one_parameter_group()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });

        using var optimizer = OptimizerFactory.Create(new OptimizerOptions(), model.named_parameters());

        optimizer.ParamGroups.Should().ContainSingle();
    }

    private static int Count(object group) => ((System.Collections.Generic.IEnumerable<TorchSharp.Modules.Parameter>)((dynamic)group).Parameters).Count();
}
