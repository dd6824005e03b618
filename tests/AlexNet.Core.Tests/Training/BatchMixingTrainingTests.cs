using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Core.Validation;
using AlexNet.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Tests.Training;

/// <summary>Mixup / CutMix in the trainer: applied, repeatable, and resumed bitwise.</summary>
[Collection(SerialTorchCollection.Name)]
public class BatchMixingTrainingTests
{
    [Fact]
    public void Resuming_mid_epoch_with_mixing_equals_an_uninterrupted_run_bitwise()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 6 * 8, batchSize: 8, classes: 4, seed: 5);

        var straightModel = TrainingSetup.Model(seed: 11);
        using var straight = new Trainer(straightModel, Options(BatchMixingMode.Element));
        var straightResult = straight.Fit(train);

        using (var firstHalf = new Trainer(TrainingSetup.Model(seed: 11), Options(BatchMixingMode.Element)))
        {
            firstHalf.Hooks.Add(StopAtHook.Step(9));
            firstHalf.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
            firstHalf.Fit(train).Completed.Should().BeFalse();
        }

        var resumedModel = TrainingSetup.Model(seed: 999);
        using var resumed = new Trainer(resumedModel, Options(BatchMixingMode.Element));
        resumed.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
        resumed.Resume("last");
        var resumedResult = resumed.Fit(train);

        resumedResult.Completed.Should().BeTrue();
        Weights.Bytes(resumedModel).Should().BeEquivalentTo(Weights.Bytes(straightModel), o => o.WithStrictOrdering());
        resumedResult.History[^1].Values.Should().Equal(straightResult.History[^1].Values);
    }

    [Theory]
    [InlineData(BatchMixingMode.Batch)]
    [InlineData(BatchMixingMode.Pair)]
    [InlineData(BatchMixingMode.Element)]
    public void Mixing_changes_the_training_and_two_runs_with_it_are_equal(BatchMixingMode mode)
    {
        using var train = new InMemoryBatchSource(samples: 4 * 8, batchSize: 8, classes: 4, seed: 5);

        var plain = TrainingSetup.Model(seed: 11);
        using (var trainer = new Trainer(plain, Options(mode, mixupAlpha: 0, cutMixAlpha: 0)))
        {
            trainer.Fit(train);
        }

        var mixedOnce = TrainingSetup.Model(seed: 11);
        var mixedTwice = TrainingSetup.Model(seed: 11);
        using (var trainer = new Trainer(mixedOnce, Options(mode)))
        {
            trainer.Fit(train);
        }

        using (var trainer = new Trainer(mixedTwice, Options(mode)))
        {
            trainer.Fit(train);
        }

        Weights.Bytes(mixedTwice).Should().BeEquivalentTo(Weights.Bytes(mixedOnce), o => o.WithStrictOrdering());
        Weights.Bytes(mixedOnce).Should().NotBeEquivalentTo(Weights.Bytes(plain), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Unmixed_batches_score_as_without_mixing_the_soft_loss_equals_label_smoothed_cross_entropy()
    {
        // Probability 0: mixing is on but draws no mixing, so the soft targets are the smoothed one-hot labels, their
        // argmax (the reported train top-1's label) is the label, and the soft-target loss equals cross-entropy with
        // label smoothing. A learning rate of 1e-30 keeps the predictions of the two runs equal.
        using var train = new InMemoryBatchSource(samples: 4 * 8, batchSize: 8, classes: 4, seed: 5);
        var plainOptions = Options(BatchMixingMode.Element, mixupAlpha: 0, cutMixAlpha: 0);
        var mixingOptions = Options(BatchMixingMode.Element);
        mixingOptions.Mixing.Probability = 0;
        foreach (var o in new[] { plainOptions, mixingOptions })
        {
            o.Optimizer.LearningRate = 1e-30; // the smallest updates round away: the weights stay as they are
            o.Optimizer.WeightDecay = 0;
        }

        using var plain = new Trainer(TrainingSetup.Model(seed: 11), plainOptions);
        using var mixing = new Trainer(TrainingSetup.Model(seed: 11), mixingOptions);
        var plainEpoch = plain.Fit(train).History[^1].Values;
        var mixingEpoch = mixing.Fit(train).History[^1].Values;

        mixingEpoch[MetricNames.TrainTop1].Should().Be(plainEpoch[MetricNames.TrainTop1]);
        mixingEpoch[MetricNames.TrainLoss].Should().BeApproximately(plainEpoch[MetricNames.TrainLoss], 1e-5);
    }

    [Fact]
    public void Invalid_mixing_options_name_the_option_and_the_range()
    {
        var options = new TrainerOptions { Mixing = { MixupAlpha = -1, CutMixMinRatio = 0.9, CutMixMaxRatio = 0.5 } };

        var act = () => OptionsValidation.ThrowIfInvalid(new TrainerOptionsValidator(), options);

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("*TrainerOptions.Mixing.MixupAlpha must be*got -1*")
            .WithMessage("*TrainerOptions.Mixing.CutMixMinRatio must be a number below CutMixMaxRatio (0.5); got 0.9*");
    }

    [Fact]
    public void Mixing_binds_from_configuration_section_Mixing()
    {
        string json = """
            { "Training": { "Mixing": {
                "MixupAlpha": 0.8, "CutMixAlpha": 1.0, "Probability": 0.5, "SwitchProbability": 0.3, "Mode": "Pair", "CorrectLambda": false } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var options = new TrainerOptions();

        configuration.GetSection(TrainerOptions.SectionName).Bind(options);

        var m = options.Mixing;
        (m.MixupAlpha, m.CutMixAlpha, m.Probability, m.SwitchProbability, m.Mode, m.CorrectLambda)
            .Should().Be((0.8, 1.0, 0.5, 0.3, BatchMixingMode.Pair, false));
        new TrainerOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    private static TrainerOptions Options(BatchMixingMode mode, double mixupAlpha = 0.4, double cutMixAlpha = 1.0)
    {
        var options = TrainingSetup.Options(epochs: 2, logInterval: 4);
        options.Loss.LabelSmoothing = 0.1;
        options.Mixing = new BatchMixingOptions { MixupAlpha = mixupAlpha, CutMixAlpha = cutMixAlpha, Mode = mode, Probability = 0.8 };
        return options;
    }
}
