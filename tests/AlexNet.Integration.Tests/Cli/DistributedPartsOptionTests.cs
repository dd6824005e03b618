using System;
using System.IO;
using System.Text.Json.Nodes;
using AlexNet.Core.Training;
using AlexNet.Samples;
using AlexNet.Samples.Common.Cli;

namespace AlexNet.Integration.Tests.Cli;

/// <summary>The distributed options of the training samples (--sync-batch-norm, --gradient-compression).</summary>
public class DistributedPartsOptionTests
{
    [Fact]
    public void Dry_run_shows_sync_batch_norm_and_gradient_compression_and_they_set_the_trainer_options()
    {
        string[] arguments = { "--dry-run", "--sync-batch-norm", "--gradient-compression", "bf16" };
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistSample.Run(arguments, output, error);
        var (settings, problem) = new SampleCommandLine(FashionMnistSample.Definition).Parse(arguments[1..]);

        code.Should().Be(SampleCommandLine.Success, error.ToString());
        var parts = JsonNode.Parse(output.ToString())!["trainingParts"]!;
        parts["syncBatchNorm"]!.GetValue<bool>().Should().BeTrue();
        parts["gradientCompression"]!.GetValue<string>().Should().Be("BFloat16");
        problem.Should().BeNull();
        var options = new TrainerOptions();
        settings!.Parts.ApplyTo(options);
        options.Distributed.SyncBatchNorm.Should().BeTrue();
        options.Distributed.GradientCompression.Should().Be(GradientCompression.BFloat16);
    }

    [Fact]
    public void A_bad_gradient_compression_is_one_line_naming_the_option_and_exit_code_2()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        bool ran = false;

        int code = new SampleCommandLine(FashionMnistSample.Definition).Invoke(
            new[] { "--gradient-compression", "fp8" }, _ => { ran = true; return 0; }, output, error);

        code.Should().Be(SampleCommandLine.UsageError);
        ran.Should().BeFalse();
        error.ToString().Should().Be($"FashionMnist: --gradient-compression must be none or bf16; got 'fp8'. See --help.{Environment.NewLine}");
    }
}
