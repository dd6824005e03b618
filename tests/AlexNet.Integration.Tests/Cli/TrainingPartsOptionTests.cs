using System;
using System.IO;
using System.Text.Json.Nodes;
using AlexNet.Core.Schedules;
using AlexNet.Core.Training;
using AlexNet.Samples;
using AlexNet.Samples.Common.Cli;

namespace AlexNet.Integration.Tests.Cli;

/// <summary>The recipe-part options of the training samples (--warmup-epochs ... --lr-find).</summary>
public class TrainingPartsOptionTests
{
    [Fact]
    public void Dry_run_shows_the_parts_given_on_the_command_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistSample.Run(
            new[] { "--dry-run", "--epochs", "5", "--warmup-epochs", "1", "--label-smoothing", "0.1", "--clip-grad-norm", "2", "--accumulate", "4", "--ema-decay", "0.999" },
            output,
            error);

        code.Should().Be(SampleCommandLine.Success, error.ToString());
        var parts = JsonNode.Parse(output.ToString())!["trainingParts"]!;
        parts["warmupEpochs"]!.GetValue<int>().Should().Be(1);
        parts["labelSmoothing"]!.GetValue<double>().Should().Be(0.1);
        parts["clipGradNorm"]!.GetValue<double>().Should().Be(2);
        parts["accumulateGradientBatches"]!.GetValue<int>().Should().Be(4);
        parts["emaDecay"]!.GetValue<double>().Should().Be(0.999);
        parts["lrFind"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void The_parts_set_the_trainer_options_and_leave_the_recipe_alone_when_absent()
    {
        var (settings, problem) = new SampleCommandLine(FashionMnistSample.Definition)
            .Parse(new[] { "--epochs", "5", "--warmup-epochs", "2", "--label-smoothing", "0.1", "--clip-grad-norm", "2", "--accumulate", "3", "--ema-decay", "0.99" });
        problem.Should().BeNull();
        var options = new TrainerOptions();

        settings!.Parts.ApplyTo(options);
        var untouched = new TrainerOptions();
        new TrainingParts().ApplyTo(untouched);

        options.Schedule.Kind.Should().Be(ScheduleKind.WarmupCosine);
        options.Schedule.Warmup.WarmupEpochs.Should().Be(2);
        options.Schedule.Warmup.PerStep.Should().BeTrue();
        options.Loss.LabelSmoothing.Should().Be(0.1);
        options.GradientClipping.MaxNorm.Should().Be(2);
        options.AccumulateGradientBatches.Should().Be(3);
        options.Ema.Decay.Should().Be(0.99);
        options.Ema.Validate.Should().BeTrue();
        System.Text.Json.JsonSerializer.Serialize(untouched).Should().Be(System.Text.Json.JsonSerializer.Serialize(new TrainerOptions()));
    }

    [Theory]
    [InlineData("--label-smoothing 1", "--label-smoothing must be a number in [0, 1); got '1'.")]
    [InlineData("--clip-grad-norm 0", "--clip-grad-norm must be a number above 0; got '0'.")]
    [InlineData("--accumulate 0", "--accumulate must be a whole number, 1 or more; got '0'.")]
    [InlineData("--ema-decay 1.5", "--ema-decay must be a number in (0, 1); got '1.5'.")]
    [InlineData("--warmup-epochs -1", "--warmup-epochs must be a whole number, 0 or more; got '-1'.")]
    [InlineData("--epochs 3 --warmup-epochs 3", "--warmup-epochs must be fewer than the 3 epochs trained; got 3.")]
    public void A_bad_value_is_one_line_naming_the_option_and_exit_code_2(string arguments, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        bool ran = false;

        int code = new SampleCommandLine(FashionMnistSample.Definition).Invoke(arguments.Split(' '), _ => { ran = true; return 0; }, output, error);

        code.Should().Be(SampleCommandLine.UsageError);
        ran.Should().BeFalse();
        error.ToString().Should().Be($"FashionMnist: {message} See --help.{Environment.NewLine}");
    }
}
