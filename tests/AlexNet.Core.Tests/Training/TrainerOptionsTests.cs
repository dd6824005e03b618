using System;
using System.IO;
using System.Linq;
using System.Text;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.DependencyInjection;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Precision;
using AlexNet.Core.Schedules;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Validation;
using AlexNet.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Tests.Training;

public class TrainerOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_are_the_papers_optimizer_settings()
    {
        var options = new TrainerOptions();

        new TrainerOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        options.Optimizer.Kind.Should().Be(OptimizerKind.Sgd);
        options.Optimizer.LearningRate.Should().Be(0.01);
        options.Optimizer.Sgd.Momentum.Should().Be(0.9);
        options.Optimizer.WeightDecay.Should().Be(0.0005);
        options.Device.Should().Be(DeviceSpec.Auto);
        options.Precision.Should().Be(TrainingPrecision.True32);
        options.ChannelsLast.Should().BeNull();
        options.Loss.Kind.Should().Be(LossKind.Auto);
    }

    [Theory]
    [InlineData("Epochs", "TrainerOptions.Epochs must be at least 1; got 0.")]
    [InlineData("LogInterval", "TrainerOptions.LogInterval must be at least 1; got -5.")]
    [InlineData("Device", "TrainerOptions.Device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N = GPU index); got \"gpu0\".")]
    [InlineData("Momentum", "TrainerOptions.Optimizer.Sgd.Momentum must be a number in [0, 1); got 1.5.")]
    [InlineData("LearningRate", "TrainerOptions.Optimizer.LearningRate must be a number in (0, infinity); got 0.")]
    [InlineData("Nesterov", "TrainerOptions.Optimizer.Sgd.Nesterov must be false unless Momentum > 0 and Dampening = 0; got \"true with Momentum 0 and Dampening 0\".")]
    [InlineData("LabelSmoothing", "TrainerOptions.Loss.LabelSmoothing must be a number in [0, 1); got 1.")]
    [InlineData("Milestones", "TrainerOptions.Schedule.MultiStep.Milestones must be one or more strictly increasing epochs in [1, 9]; got \"[5, 3]\".")]
    [InlineData("Gamma", "TrainerOptions.Schedule.Step.Gamma must be a number in (0, 1]; got NaN.")]
    [InlineData("MaxNorm", "TrainerOptions.GradientClipping.MaxNorm must be a number in [0, infinity); got -1.")]
    public void Each_invalid_option_gets_a_message_naming_it_the_accepted_range_and_the_value(string option, string message)
    {
        var options = new TrainerOptions();
        switch (option)
        {
            case "Epochs": options.Epochs = 0; break;
            case "LogInterval": options.LogInterval = -5; break;
            case "Device": options.Device = "gpu0"; break;
            case "Momentum": options.Optimizer.Sgd.Momentum = 1.5; break;
            case "LearningRate": options.Optimizer.LearningRate = 0; break;
            case "Nesterov": options.Optimizer.Sgd.Nesterov = true; options.Optimizer.Sgd.Momentum = 0; break;
            case "LabelSmoothing": options.Loss.LabelSmoothing = 1; break;
            case "Milestones": options.Schedule.Kind = ScheduleKind.MultiStep; options.Schedule.MultiStep.Milestones = new[] { 5, 3 }; break;
            case "Gamma": options.Schedule.Step.Gamma = double.NaN; break;
            case "MaxNorm": options.GradientClipping.MaxNorm = -1; break;
        }

        var result = new TrainerOptionsValidator().Validate(null, options);

        result.Failures.Should().Equal(message);
    }

    [Fact]
    public void Options_bind_from_json_configuration_including_enums_and_lists()
    {
        var configuration = Configuration("""
            { "Training": {
                "Epochs": 90, "Device": "cuda:1", "Seed": 42, "Deterministic": true, "LogInterval": 20,
                "Devices": [ "cuda:0", "cuda:1" ], "Precision": "bf16-mixed", "ChannelsLast": true,
                "Optimizer": { "Kind": "AdamW", "LearningRate": 0.001, "WeightDecay": 0.05, "Adam": { "Beta2": 0.95, "AmsGrad": true } },
                "Schedule": { "Kind": "MultiStep", "MultiStep": { "Milestones": [ 30, 60 ], "Gamma": 0.1 } },
                "Loss": { "Kind": "CrossEntropy", "LabelSmoothing": 0.1 },
                "GradientClipping": { "MaxNorm": 5 } } }
            """);
        var options = new TrainerOptions();

        configuration.GetSection(TrainerOptions.SectionName).Bind(options);

        options.Epochs.Should().Be(90);
        options.Device.Should().Be(DeviceSpec.Cuda(1));
        options.Devices.Should().Equal(DeviceSpec.Cuda(0), DeviceSpec.Cuda(1));
        options.Precision.Should().Be(TrainingPrecision.Bf16Mixed);
        options.ChannelsLast.Should().BeTrue();
        options.Seed.Should().Be(42);
        options.Deterministic.Should().BeTrue();
        options.Optimizer.Kind.Should().Be(OptimizerKind.AdamW);
        options.Optimizer.WeightDecay.Should().Be(0.05);
        (options.Optimizer.Adam.Beta1, options.Optimizer.Adam.Beta2, options.Optimizer.Adam.AmsGrad).Should().Be((0.9, 0.95, true));
        options.Schedule.Kind.Should().Be(ScheduleKind.MultiStep);
        options.Schedule.MultiStep.Milestones.Should().Equal(30, 60);
        options.Schedule.MultiStep.Gamma.Should().Be(0.1);
        options.Loss.LabelSmoothing.Should().Be(0.1);
        options.GradientClipping.MaxNorm.Should().Be(5);
        new TrainerOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Dependency_injection_validates_on_start_and_reports_the_bad_option()
    {
        var services = new ServiceCollection();
        services.AddAlexNetTraining(Configuration("""{ "Training": { "Epochs": 0 } }""").GetSection("Training"));
        using var provider = services.BuildServiceProvider();

        var startup = () => provider.GetRequiredService<IStartupValidator>().Validate();

        startup.Should().Throw<OptionsValidationException>().WithMessage("*TrainerOptions.Epochs must be at least 1; got 0.*");
    }

    [Fact]
    public void Dependency_injection_binds_the_checkpoints_child_section_and_validates_it_on_start()
    {
        var services = new ServiceCollection();
        services.AddAlexNetTraining(Configuration("""
            { "Training": { "Epochs": 2,
                "Checkpoints": { "Directory": "runs/x", "Monitor": "val_top1", "Mode": "Max", "KeepLast": -2 } } }
            """).GetSection(TrainerOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var checkpoints = provider.GetRequiredService<IOptionsMonitor<CheckpointOptions>>();
        var startup = () => provider.GetRequiredService<IStartupValidator>().Validate();

        startup.Should().Throw<OptionsValidationException>().WithMessage("CheckpointOptions.KeepLast must be at least 0; got -2.");
        var read = () => checkpoints.CurrentValue;
        read.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void Dependency_injection_reads_the_checkpoint_settings_from_the_checkpoints_child_section()
    {
        var services = new ServiceCollection();
        services.AddAlexNetTraining(Configuration("""
            { "Training": { "Checkpoints": { "Directory": "runs/x", "Monitor": "val_top1", "Mode": "Max", "KeepLast": 3 } } }
            """).GetSection(TrainerOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<TrainerFactory>();

        factory.Checkpoints.Directory.Should().Be("runs/x");
        factory.Checkpoints.Mode.Should().Be(MetricMode.Max);
        factory.Checkpoints.KeepLast.Should().Be(3);
    }

    [Fact]
    public void The_factory_creates_a_trainer_with_the_configured_options_and_a_checkpoint_hook()
    {
        using var directory = new TempDirectory();
        var services = new ServiceCollection();
        services.AddAlexNetTraining(
            o =>
            {
                o.Device = "cpu";
                o.Epochs = 3;
            },
            checkpoints => checkpoints.Directory = directory.Path);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        using var trainer = provider.GetRequiredService<TrainerFactory>().Create(TrainingSetup.Model());

        trainer.Options.Epochs.Should().Be(3);
        trainer.Hooks.OfType<CheckpointHook>().Single().Directory.Should().Be(Path.GetFullPath(directory.Path));
    }

    [Fact]
    public void Options_are_usable_without_dependency_injection()
    {
        var act = () => OptionsValidation.ThrowIfInvalid(new TrainerOptionsValidator(), new TrainerOptions { Epochs = -1 });

        act.Should().Throw<OptionsValidationException>().WithMessage("TrainerOptions.Epochs must be at least 1; got -1.");
    }

    [Fact]
    public void Checkpoint_options_are_validated_on_their_own_too()
    {
        var result = new CheckpointOptionsValidator().Validate(null, new CheckpointOptions { EverySteps = -1 });

        result.Failures.Should().Equal("CheckpointOptions.EverySteps must be at least 0; got -1.");
    }

    private static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
