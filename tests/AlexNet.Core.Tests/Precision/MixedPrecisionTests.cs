using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Core.Checkpoints;
using AlexNet.Tests.Shared;
using Microsoft.Extensions.Options;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Precision;

[Collection(SerialTorchCollection.Name)]
public class MixedPrecisionTests
{
    [Theory]
    [InlineData(Variant.CifarBatchNorm, 1, 28)]
    [InlineData(Variant.TorchVision, 3, 63)]
    [InlineData(Variant.Paper, 3, 227)]
    public void A_bf16_mixed_forward_returns_float32_scores_within_bfloat16_rounding_of_the_float32_forward(Variant variant, int channels, int size)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels, ClassifierWidth = 64 });
        model.eval();
        var images = rand(2, channels, size, size);

        var full = model.call(images);
        var mixed = Plugin(TrainingPrecision.Bf16Mixed, model).Forward(model, images);

        mixed.dtype.Should().Be(ScalarType.Float32);
        mixed.shape.Should().Equal(2, 10);
        double scale = full.abs().max().item<float>();
        double error = (mixed - full).abs().max().item<float>();
        error.Should().BeGreaterThan(0, "the convolutions must really have run in bfloat16");
        error.Should().BeLessThan(0.05 * scale, "bfloat16 keeps 8 significant bits");
    }

    [Fact]
    public void Bf16_mixed_gradients_reach_the_float32_weights_in_float32_and_point_the_same_way_as_float32_gradients_without_batch_norm()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 64, DropoutRate = 0 });
        var images = rand(4, 1, 63, 63);
        var labels = tensor(new long[] { 0, 1, 2, 3 });

        var fullGrad = Gradient(model, images, labels);
        var mixedGrad = Gradient(model, images, labels, Plugin(TrainingPrecision.Bf16Mixed, model));

        ((Conv2d)model.Features[0]).weight!.dtype.Should().Be(ScalarType.Float32);
        mixedGrad.dtype.Should().Be(ScalarType.Float32);
        double cosine = (fullGrad * mixedGrad).sum().item<float>() / (fullGrad.norm().item<float>() * mixedGrad.norm().item<float>());
        cosine.Should().BeGreaterThan(0.99);
    }

    [Fact]
    public void A_bf16_mixed_trainer_uses_the_compute_type_keeps_weights_float32_and_its_predict_uses_it()
    {
        using var train = new InMemoryBatchSource(samples: 32, batchSize: 8, classes: 4, seed: 5);
        using var model = SmallAlexNet(seed: 3);
        var options = TrainingSetup.Options(epochs: 2);
        options.Precision = TrainingPrecision.Bf16Mixed;
        using var trainer = new Trainer(model, options);

        trainer.Precision.ComputeType.Should().Be(ScalarType.BFloat16);
        trainer.Precision.LossScaler.Should().BeNull();
        var result = trainer.Fit(train);

        result.GlobalStep.Should().Be(8);
        model.parameters().Should().OnlyContain(p => p.dtype == ScalarType.Float32);
        double.IsFinite(result.History[^1].Values["train_loss"]).Should().BeTrue();
        using var scope = NewDisposeScope();
        random.manual_seed(9);
        var images = rand(3, 1, 8, 8);
        var predicted = trainer.Predict(images);
        model.eval();
        var mixedLogits = trainer.Precision.Forward(model, images);
        var fullLogits = model.call(images);
        predicted.dtype.Should().Be(ScalarType.Float32);
        // Not bitwise: LibTorch's multithreaded kernels may sum in another order between two calls (seen: 2.3e-13).
        (predicted - mixedLogits.softmax(1)).abs().max().item<float>().Should().BeLessThan(1e-6f, "Predict runs the bfloat16 layers");
        (mixedLogits - fullLogits).abs().max().item<float>().Should().BeGreaterThan(0f, "the bfloat16 layers round");
        (predicted - fullLogits.softmax(1)).abs().max().item<float>().Should().BeLessThan(0.05f);
    }

    [Fact]
    public void Bf16_mixed_training_is_bitwise_reproducible_and_resumes_exactly_from_a_mid_epoch_checkpoint()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 4 * 8, batchSize: 8, classes: 4, seed: 5);
        var options = TrainingSetup.Options(epochs: 3, logInterval: 3);
        options.Precision = TrainingPrecision.Bf16Mixed;

        using var straightModel = SmallAlexNet(seed: 11);
        using var straight = new Trainer(straightModel, options);
        var straightResult = straight.Fit(train);

        using (var firstModel = SmallAlexNet(seed: 11))
        using (var first = new Trainer(firstModel, options))
        {
            first.Hooks.Add(StopAtHook.Step(6));
            first.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
            first.Fit(train).Completed.Should().BeFalse();
        }

        using var resumedModel = SmallAlexNet(seed: 999);
        using var resumed = new Trainer(resumedModel, options);
        resumed.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
        resumed.Resume("last").Position.Should().Be(new TrainingPosition(1, 2));
        var resumedResult = resumed.Fit(train);

        resumedResult.GlobalStep.Should().Be(straightResult.GlobalStep).And.Be(12);
        Weights.Bytes(resumedModel).Should().BeEquivalentTo(Weights.Bytes(straightModel), o => o.WithStrictOrdering());
        resumedResult.History[^1].Values.Should().Equal(straightResult.History[^1].Values);
    }

    [Fact]
    public void Channels_last_gives_the_default_layouts_scores_and_gradients_within_float32_rounding()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 64, DropoutRate = 0 });
        var images = rand(4, 1, 16, 16);
        var labels = tensor(new long[] { 0, 1, 2, 3 });

        var defaultScores = model.call(images).detach();
        var defaultGrad = Gradient(model, images, labels);
        var channelsLast = PrecisionPlugin.Create(TrainingPrecision.True32, channelsLastOption: true, model, CPU);
        var channelsLastScores = channelsLast.Forward(model, images).detach();
        var channelsLastGrad = Gradient(model, images, labels, channelsLast);

        (channelsLastScores - defaultScores).abs().max().item<float>().Should().BeLessThan(1e-3f);
        (channelsLastGrad - defaultGrad).abs().max().item<float>().Should().BeLessThan(1e-3f * defaultGrad.abs().max().item<float>());
    }

    [Fact]
    public void Bf16_mixed_training_updates_batch_norm_running_statistics_in_float32()
    {
        using var train = new InMemoryBatchSource(samples: 16, batchSize: 8, classes: 4, seed: 5);
        using var model = SmallAlexNet(seed: 3);
        var options = TrainingSetup.Options(epochs: 1);
        options.Precision = TrainingPrecision.Bf16Mixed;
        using var trainer = new Trainer(model, options);
        var before = ((BatchNorm2d)model.Features[1]).running_mean!.clone();

        trainer.Fit(train);

        var runningMean = ((BatchNorm2d)model.Features[1]).running_mean!;
        runningMean.dtype.Should().Be(ScalarType.Float32);
        (runningMean - before).abs().max().item<float>().Should().BeGreaterThan(0, "the running statistics must have been updated");
        model.buffers().Where(b => b.is_floating_point()).Should().OnlyContain(b => b.dtype == ScalarType.Float32);
        before.Dispose();
    }

    [Fact]
    public void A_model_without_mixed_precision_support_is_refused_with_a_message_naming_it()
    {
        var options = TrainingSetup.Options();
        options.Precision = TrainingPrecision.Bf16Mixed;
        using var model = TrainingSetup.Model();

        var create = () => new Trainer(model, options);

        create.Should().Throw<ArgumentException>().WithMessage("*\"bf16-mixed\"*TinyNet*AlexNetModel*");
    }

    [Theory]
    [InlineData("32-true", null, false)]
    [InlineData("bf16-mixed", null, true)]
    [InlineData("16-mixed", null, true)]
    [InlineData("32-true", true, true)]
    [InlineData("bf16-mixed", false, false)]
    public void Channels_last_follows_the_option_and_without_one_the_precision(string precision, bool? option, bool expected)
    {
        PrecisionPlugin.UsesChannelsLast(precision, option).Should().Be(expected);
    }

    [Fact]
    public void A_bf16_mixed_trainer_runs_channels_last_by_default_and_a_float32_one_does_not()
    {
        using var model = SmallAlexNet(seed: 3);
        var bf16 = TrainingSetup.Options(epochs: 1);
        bf16.Precision = TrainingPrecision.Bf16Mixed;
        using (var trainer = new Trainer(model, bf16))
        {
            trainer.Precision.ChannelsLast.Should().BeTrue();
        }

        using (var trainer = new Trainer(model, TrainingSetup.Options(epochs: 1)))
        {
            trainer.Precision.ChannelsLast.Should().BeFalse();
        }
    }

    [Fact]
    public void A_float32_trainer_with_a_model_that_is_not_an_alexnet_needs_no_channels_last_setting()
    {
        using var model = TrainingSetup.Model();

        using var trainer = new Trainer(model, TrainingSetup.Options());

        trainer.Precision.ChannelsLast.Should().BeFalse();
    }

    [Fact]
    public void Channels_last_with_a_model_that_is_not_an_alexnet_is_refused_naming_the_option()
    {
        var options = TrainingSetup.Options();
        options.ChannelsLast = true;
        using var model = TrainingSetup.Model();

        var create = () => new Trainer(model, options);

        create.Should().Throw<ArgumentException>().WithMessage("*TrainerOptions.ChannelsLast*TinyNet*AlexNetModel*");
    }

    [Fact]
    public void A_channels_last_trainer_trains_and_predicts_what_the_plain_forward_predicts_within_rounding()
    {
        using var train = new InMemoryBatchSource(samples: 16, batchSize: 8, classes: 4, seed: 5);
        using var model = SmallAlexNet(seed: 3);
        var options = TrainingSetup.Options(epochs: 1);
        options.ChannelsLast = true;
        using var trainer = new Trainer(model, options);

        var result = trainer.Fit(train);

        result.GlobalStep.Should().Be(2);
        double.IsFinite(result.History[^1].Values["train_loss"]).Should().BeTrue();
        trainer.Precision.Should().BeOfType<FullPrecision>();
        using var scope = NewDisposeScope();
        model.eval();
        var images = rand(3, 1, 8, 8);
        (trainer.Predict(images) - model.call(images).softmax(1)).abs().max().item<float>().Should().BeLessThan(1e-4f);
    }

    [Theory]
    [InlineData("cpu", "16-mixed", "*TrainerOptions.Precision must be \"32-true\" or \"bf16-mixed\" on the CPU*got \"16-mixed\"*")]
    [InlineData("auto", "bf16", "*TrainerOptions.Precision must be \"32-true\", \"bf16-mixed\" or \"16-mixed\"*got \"bf16\"*")]
    public void The_validator_rejects_unknown_precisions_and_16_mixed_on_the_cpu(string device, string precision, string message)
    {
        var options = new TrainerOptions { Device = device, Precision = precision };

        var result = new TrainerOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Match(message);
    }

    [Fact]
    public void Sixteen_mixed_on_a_machine_without_cuda_fails_at_construction_naming_the_device()
    {
        if (cuda.is_available())
        {
            return; // the CUDA path is covered by the [CudaFact] test below
        }

        var options = TrainingSetup.Options();
        options.Device = "auto";
        options.Precision = TrainingPrecision.Fp16Mixed;
        using var model = SmallAlexNet(seed: 1);

        var create = () => new Trainer(model, options);

        create.Should().Throw<InvalidOperationException>().WithMessage("*\"16-mixed\" needs a CUDA device*cpu*");
    }

    [CudaFact]
    public void Sixteen_mixed_on_cuda_trains_with_a_loss_scaler_whose_state_a_checkpoint_keeps()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 32, batchSize: 8, classes: 4, seed: 5);
        var options = TrainingSetup.Options(epochs: 2);
        options.Device = "cuda";
        options.Precision = TrainingPrecision.Fp16Mixed;
        using var model = SmallAlexNet(seed: 3);
        using var trainer = new Trainer(model, options);
        trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));

        var result = trainer.Fit(train);

        result.GlobalStep.Should().Be(8);
        trainer.Precision.LossScaler.Should().NotBeNull();
        model.parameters().Should().OnlyContain(p => p.dtype == ScalarType.Float32);
        using var resumedModel = SmallAlexNet(seed: 4);
        using var resumed = new Trainer(resumedModel, options);
        resumed.Resume("last", directory.Path);
        resumed.Precision.LossScaler!.Scale.Should().Be(trainer.Precision.LossScaler!.Scale);
        resumed.Precision.LossScaler.GoodSteps.Should().Be(trainer.Precision.LossScaler.GoodSteps);
        resumed.Precision.LossScaler.SkippedSteps.Should().Be(trainer.Precision.LossScaler.SkippedSteps);
    }

    /// <summary>A CIFAR batch-norm AlexNet for 1 x 8 x 8 images with a narrow classifier: fast enough for unit tests.</summary>
    internal static AlexNetModel SmallAlexNet(long seed, double dropout = 0.2)
    {
        random.manual_seed(seed);
        return AlexNetFactory.Create(Variant.CifarBatchNorm, 4, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 32, DropoutRate = dropout });
    }

    private static PrecisionPlugin Plugin(TrainingPrecision precision, AlexNetModel model) =>
        PrecisionPlugin.Create(precision, channelsLastOption: false, model, CPU);

    private static Tensor Gradient(AlexNetModel model, Tensor images, Tensor labels, PrecisionPlugin? precision = null)
    {
        model.zero_grad();
        var scores = precision is null ? model.call(images) : precision.Forward(model, images);
        var loss = nn.functional.cross_entropy(scores, labels);
        loss.backward();
        return cat(model.parameters().Select(p => p.grad!.flatten()).ToArray(), 0);
    }
}
