using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Abstractions;

public class DeviceSpecTests
{
    [Theory]
    [InlineData("auto", true, 2, "cuda:0")]
    [InlineData("auto", false, 0, "cpu")]
    [InlineData(" CPU ", true, 2, "cpu")]
    [InlineData("cuda", true, 2, "cuda:0")]
    [InlineData("cuda:1", true, 2, "cuda:1")]
    public void Device_specs_resolve_against_the_cuda_devices_present(string spec, bool cudaAvailable, int count, string expected)
    {
        DeviceSpec.Parse(spec).Resolve("TrainerOptions.Device", () => cudaAvailable, () => count).ToString().Should().Be(expected);
    }

    [Fact]
    public void Asking_for_cuda_where_torchsharp_sees_none_explains_how_to_build_for_the_gpu()
    {
        var act = () => DeviceSpec.Parse("cuda").Resolve("TrainerOptions.Device", () => false, () => 0);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("TrainerOptions.Device is \"cuda\" but TorchSharp sees no CUDA device*-p:AlexNetTorchBackend=cuda-linux*\"auto\" or \"cpu\".");
    }

    [Fact]
    public void A_gpu_index_beyond_the_devices_present_is_refused_with_the_valid_range()
    {
        var act = () => DeviceSpec.Parse("cuda:2").Resolve("TrainerOptions.Device", () => true, () => 2);

        act.Should().Throw<InvalidOperationException>().WithMessage("*\"cuda:2\"*sees 2 CUDA device(s), numbered 0 to 1.");
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Unknown_device_specs_are_invalid(string spec)
    {
        DeviceSpec.IsValid(spec).Should().BeFalse();
        var act = () => DeviceSpec.Parse(spec, "TrainerOptions.Device");
        act.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.Device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\"*");
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData(" CPU ", "cpu")]
    [InlineData("cuda", "cuda")]
    [InlineData("Cuda:3", "cuda:3")]
    public void Device_specs_parse_case_insensitively_and_print_in_the_options_form(string text, string expected)
    {
        DeviceSpec.Parse(text).ToString().Should().Be(expected);
    }

    [Fact]
    public void The_default_device_spec_is_auto()
    {
        default(DeviceSpec).Should().Be(DeviceSpec.Auto);
        default(DeviceSpec).IsAuto.Should().BeTrue();
    }

    [Fact]
    public void On_this_cpu_build_auto_trains_on_the_cpu()
    {
        var options = TrainingSetup.Options();
        options.Device = "auto";

        using var trainer = new Trainer(TrainingSetup.Model(), options);

        trainer.Device.type.Should().Be(cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU);
    }

    [CudaFact]
    public void A_few_deterministic_steps_run_on_cuda_and_checkpoint_round_trip()
    {
        using var directory = new TempDirectory();
        using var data = new InMemoryBatchSource(samples: 64, batchSize: 16);
        var options = TrainingSetup.Options(epochs: 2);
        options.Device = "cuda";
        var model = TrainingSetup.Model();
        using var trainer = new Trainer(model, options);

        var result = trainer.Fit(data, data);
        trainer.SaveCheckpoint(directory.File("cuda.ckpt"));

        result.GlobalStep.Should().Be(8);
        model.parameters().First().device_type.Should().Be(DeviceType.CUDA);
        result.History.Series(AlexNet.Core.Metrics.MetricNames.TrainLoss).Should().OnlyContain(v => double.IsFinite(v));
        using var reloaded = new Trainer(TrainingSetup.Model(seed: 5), options);
        reloaded.Resume(directory.File("cuda.ckpt")).GlobalStep.Should().Be(8);
        Weights.Bytes(reloaded.Model).Should().BeEquivalentTo(Weights.Bytes(model));
    }
}
