using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Precision;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>The typed option values (DeviceSpec, TrainingPrecision): from strings, configuration's converter and JSON.</summary>
public class OptionValueConversionTests
{
    [Theory]
    [InlineData("32-true")]
    [InlineData("bf16-mixed")]
    [InlineData("16-mixed")]
    public void A_precision_converts_from_its_text_and_prints_it(string text)
    {
        TrainingPrecision precision = text;

        precision.ToString().Should().Be(text);
        TrainingPrecision.IsValid(text).Should().BeTrue();
        TypeDescriptor.GetConverter(typeof(TrainingPrecision)).ConvertFromInvariantString(text).Should().Be(precision);
    }

    [Fact]
    public void The_default_precision_is_32_true_and_the_named_values_differ()
    {
        default(TrainingPrecision).Should().Be(TrainingPrecision.True32);
        ((TrainingPrecision)"bf16-mixed").Should().Be(TrainingPrecision.Bf16Mixed).And.NotBe(TrainingPrecision.Fp16Mixed);
    }

    [Fact]
    public void An_unknown_text_is_kept_for_the_validation_message_and_does_not_resolve()
    {
        TrainingPrecision precision = "bf16";
        DeviceSpec device = "gpu0";

        TrainingPrecision.IsValid("bf16").Should().BeFalse();
        precision.ToString().Should().Be("bf16");
        device.ToString().Should().Be("gpu0");
        DeviceSpec.IsValid(device.ToString()).Should().BeFalse();
        var resolve = () => device.Resolve("TrainerOptions.Device");
        resolve.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.Device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\"*got \"gpu0\".*");
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData(" CUDA:2 ", "cuda:2")]
    [InlineData("cpu", "cpu")]
    public void A_device_converts_from_configuration_text(string text, string expected)
    {
        var converted = TypeDescriptor.GetConverter(typeof(DeviceSpec)).ConvertFromInvariantString(text);

        converted.Should().Be(DeviceSpec.Parse(expected));
        ((DeviceSpec)text).Should().Be(DeviceSpec.Parse(expected));
    }

    [Fact]
    public void Options_json_writes_devices_and_precision_as_strings_and_reads_them_back()
    {
        var options = new TrainerOptions { Device = "cuda:1", Devices = new List<DeviceSpec> { "cpu", "cuda" }, Precision = "bf16-mixed", ChannelsLast = true };

        var json = JsonSerializer.SerializeToNode(options, CheckpointMetadata.JsonOptions)!.AsObject();
        var read = json.Deserialize<TrainerOptions>(CheckpointMetadata.JsonOptions)!;

        json["device"]!.GetValue<string>().Should().Be("cuda:1");
        json["devices"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("cpu", "cuda");
        json["precision"]!.GetValue<string>().Should().Be("bf16-mixed");
        read.Device.Should().Be(DeviceSpec.Cuda(1));
        read.Devices.Should().Equal(DeviceSpec.Cpu, DeviceSpec.Cuda());
        read.Precision.Should().Be(TrainingPrecision.Bf16Mixed);
        read.ChannelsLast.Should().BeTrue();
    }

    [Fact]
    public void Options_of_an_older_checkpoint_with_string_values_and_no_channels_last_still_read()
    {
        var json = JsonNode.Parse("""{ "epochs": 3, "device": "cpu", "devices": [], "precision": "16-mixed" }""")!;

        var read = json.Deserialize<TrainerOptions>(CheckpointMetadata.JsonOptions)!;

        read.Epochs.Should().Be(3);
        read.Device.Should().Be(DeviceSpec.Cpu);
        read.Devices.Should().BeEmpty();
        read.Precision.Should().Be(TrainingPrecision.Fp16Mixed);
        read.ChannelsLast.Should().BeNull();
    }
}
