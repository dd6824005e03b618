using System;
using System.IO;
using System.Threading;
using AlexNet.Integration.Tests.Support;
using AlexNet.Samples;

namespace AlexNet.Integration.Tests.Samples;

public class FashionMnistSampleTests
{
    [Fact]
    public void A_short_synthetic_run_prints_the_test_accuracy_and_writes_every_output()
    {
        using var temp = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistSample.Run(
            new[] { "--synthetic", "--epochs", "2", "--train-subset", "256", "--test-subset", "100", "--batch-size", "64", "--device", "cpu", "--output", temp.File("run") },
            output,
            error);

        code.Should().Be(0, error.ToString());
        error.ToString().Should().BeEmpty();
        output.ToString().Should().Contain("Data: SYNTHETIC").And.MatchRegex(@"Test accuracy: \d+\.\d\d% top-1, \d+\.\d\d% top-5, loss \d+\.\d{4} on 100 test images")
            .And.Contain("Training images seen: 512 (2 epochs of 256).")
            .And.MatchRegex(@"Wall time .+ \(load average \d+\.\d\d at the start, \d+\.\d\d at the end\)\. Report");
        RunOutputs.ShouldBeComplete(temp.File("run"), epochs: 2, "fashion-mnist-quick");
        File.ReadAllText(temp.File("run/report.md")).Should()
            .Contain("dotnet run -c Release --project samples/FashionMnist -- --synthetic --epochs 2")
            .And.Contain("| training images | 256 of 2,000 images (seeded random subset) |")
            .And.Contain("| training images seen | 512 |");
    }

    [Fact]
    public void Without_the_Debian_package_it_names_the_package_and_falls_back_to_synthetic_data()
    {
        using var temp = new TempDirectory();
        var definition = FashionMnistSample.Definition with { DefaultDataPath = temp.File("no-fashion-mnist-here") };
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistSample.Run(
            new[] { "--epochs", "1", "--train-subset", "128", "--test-subset", "64", "--batch-size", "64", "--device", "cpu", "--output", temp.File("run") },
            output,
            error,
            definition);

        code.Should().Be(0, error.ToString());
        error.ToString().Should().Be(
            $"FashionMnist: Fashion-MNIST is not installed in {temp.File("no-fashion-mnist-here")}; install it with `sudo apt-get install dataset-fashion-mnist` (or pass --data PATH).{Environment.NewLine}");
        output.ToString().Should().Contain("NOTICE: training on a small SYNTHETIC dataset").And.Contain("Test accuracy:");
    }

    [Fact]
    public void An_explicit_data_folder_that_does_not_exist_is_an_error_with_exit_code_1()
    {
        using var temp = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistSample.Run(new[] { "--data", temp.File("missing"), "--output", temp.File("run") }, output, error);

        code.Should().Be(1);
        error.ToString().Should().StartWith($"FashionMnist: {temp.File("missing")}: dataset files not found; looked for ")
            .And.Contain("sudo apt-get install dataset-fashion-mnist");
        error.ToString().TrimEnd().Split('\n').Should().ContainSingle();
        output.ToString().Should().NotContain("SYNTHETIC");
        Directory.Exists(temp.File("run")).Should().BeFalse();
    }

    [Fact]
    public void A_cancelled_run_saves_last_ckpt_exits_with_code_130_and_resumes_to_the_end()
    {
        using var temp = new TempDirectory();
        string run = temp.File("run");
        using var cancellation = new CancellationTokenSource();
        var output = new CancelOnProgressWriter(cancellation);

        int code = FashionMnistSample.Run(
            new[] { "--synthetic", "--epochs", "2", "--batch-size", "16", "--train-subset", "320", "--test-subset", "64", "--device", "cpu", "--output", run },
            output,
            TextWriter.Null,
            cancellation.Token);

        code.Should().Be(130);
        string last = Path.Combine(run, "checkpoints", "last.ckpt");
        output.ToString().Should().Contain($"Cancelled. The training state at the last finished batch is in {last} (continue with --resume {run}).");
        File.Exists(last).Should().BeTrue();
        File.Exists(Path.Combine(run, "report.md")).Should().BeFalse();

        var resumed = new StringWriter();
        var error = new StringWriter();
        code = FashionMnistSample.Run(new[] { "--resume", run }, resumed, error);

        code.Should().Be(0, error.ToString());
        resumed.ToString().Should().Contain("resuming at epoch 1 batch").And.Contain("on 64 test images");
        RunOutputs.ShouldBeComplete(run, epochs: 2, "fashion-mnist-quick");
    }

    [Fact]
    public void Resume_takes_the_runs_own_settings()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("run/checkpoints"));
        File.WriteAllText(temp.File("run/settings.json"), "{}");
        File.WriteAllText(temp.File("run/checkpoints/last.ckpt"), "x");
        var error = new StringWriter();

        FashionMnistSample.Run(new[] { "--resume", temp.File("run"), "--batch-size", "8", "--seed", "3" }, TextWriter.Null, error).Should().Be(2);
        error.ToString().Should().Be($"FashionMnist: --resume continues a run with its own settings; only --epochs and --device may be given with it, not --batch-size, --seed. See --help.{Environment.NewLine}");

        error = new StringWriter();
        FashionMnistSample.Run(new[] { "--resume", temp.File("nothing") }, TextWriter.Null, error).Should().Be(2);
        error.ToString().Should().Be($"FashionMnist: --resume: '{temp.File("nothing")}' holds no run to resume (it needs settings.json and checkpoints/last.ckpt). See --help.{Environment.NewLine}");
    }

    [Fact]
    public void An_output_folder_holding_an_earlier_run_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("report.md"), "earlier");
        var error = new StringWriter();

        int code = FashionMnistSample.Run(new[] { "--synthetic", "--output", temp.Path }, TextWriter.Null, error);

        code.Should().Be(1);
        error.ToString().Should().Be($"FashionMnist: The output folder {temp.Path} already holds files (an earlier run?); choose another with --output or remove it.{Environment.NewLine}");
        File.ReadAllText(temp.File("report.md")).Should().Be("earlier");
    }

    /// <summary>Cancels the run when the first progress line ("epoch 1/2  batch ...") is written, as Ctrl+C would.</summary>
    private sealed class CancelOnProgressWriter : StringWriter
    {
        private readonly CancellationTokenSource _cancellation;

        public CancelOnProgressWriter(CancellationTokenSource cancellation) => _cancellation = cancellation;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains("  batch ", StringComparison.Ordinal))
            {
                _cancellation.Cancel();
            }
        }
    }
}
