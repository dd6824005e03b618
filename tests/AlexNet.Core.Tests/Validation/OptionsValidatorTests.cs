using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Core.Training.Hooks;
using AlexNet.Core.Training;
using AlexNet.Core.Validation;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Tests.Validation;

public class OptionsValidatorTests
{
    [Fact]
    public void Every_validator_refuses_a_null_options_object_with_the_same_message()
    {
        new TrainerOptionsValidator().Validate(null, null!).Failures.Should().Equal("TrainerOptions must be set; got null.");
        new AlexNetOptionsValidator().Validate(null, null!).Failures.Should().Equal("AlexNetOptions must be set; got null.");
        new CheckpointOptionsValidator().Validate(null, null!).Failures.Should().Equal("CheckpointOptions must be set; got null.");
        new OnnxExportOptionsValidator().Validate(null, null!).Failures.Should().Equal("OnnxExportOptions must be set; got null.");
    }

    [Fact]
    public void A_missing_section_is_named_by_its_path_and_its_checks_are_skipped()
    {
        var options = new TrainerOptions { Optimizer = null! };

        new TrainerOptionsValidator().Validate(null, options).Failures.Should().Equal("TrainerOptions.Optimizer must be set; got null.");
    }

    [Fact]
    public void Onnx_export_options_name_the_option_and_the_value()
    {
        var options = new OnnxExportOptions { InputName = " ", OutputName = " ", InputSize = new ImageSize(0, 224) };

        new OnnxExportOptionsValidator().Validate(null, options).Failures.Should().Equal(
            "OnnxExportOptions.InputName must be a non-empty name; got \" \".",
            "OnnxExportOptions.OutputName must be a non-empty name other than InputName; got \" \".",
            "OnnxExportOptions.InputSize must be at least 1 x 1 or null (the model's nominal size); got 0 x 224.");
    }

    [Fact]
    public void The_default_onnx_export_options_are_valid()
    {
        new OnnxExportOptionsValidator().Validate(null, new OnnxExportOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Option_checks_collect_every_failure_in_one_wording()
    {
        var check = new OptionChecks("MyOptions");

        check.AtLeast(0, 1, "Size");
        check.InRange(1.5, 0, 1, "Rate", highExclusive: true);
        check.Device("gpu", "Device");
        check.Section(new object(), "Inner")!.NotNull(null, "Name");

        check.Result.Failures.Should().Equal(
            "MyOptions.Size must be at least 1; got 0.",
            "MyOptions.Rate must be a number in [0, 1); got 1.5.",
            "MyOptions.Device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N = GPU index); got \"gpu\".",
            "MyOptions.Inner.Name must be set (use an empty string for none); got null.");
    }

    [Fact]
    public void Without_dependency_injection_invalid_options_throw_every_failure()
    {
        var act = () => OptionsValidation.ThrowIfInvalid(new OnnxExportOptionsValidator(), new OnnxExportOptions { InputName = "" });

        act.Should().Throw<OptionsValidationException>().WithMessage("OnnxExportOptions.InputName must be a non-empty name; got \"\".");
    }
}
