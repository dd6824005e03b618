using System.IO;
using AlexNet.Integration.Tests.Support;
using AlexNet.Samples.Common.Outputs;

namespace AlexNet.Integration.Tests.Outputs;

public class RunFolderTests
{
    [Fact]
    public void A_new_folder_is_created_with_the_documented_layout()
    {
        using var temp = new TempDirectory();
        var folder = RunFolder.Create(temp.File("run"));

        Directory.Exists(folder.Root).Should().BeTrue();
        folder.Relative(folder.MetricsCsv).Should().Be("metrics.csv");
        folder.Relative(folder.MetricsJsonLines).Should().Be("metrics.jsonl");
        folder.Relative(folder.TensorBoard).Should().Be("tensorboard");
        folder.Relative(folder.Checkpoints).Should().Be("checkpoints");
        folder.Relative(folder.LossPlot).Should().Be("loss.png");
        folder.Relative(folder.AccuracyPlot).Should().Be("accuracy.png");
        folder.Relative(folder.ConfusionMatrixPlot).Should().Be("confusion-matrix.png");
        folder.Relative(folder.Report).Should().Be("report.md");
    }

    [Fact]
    public void An_empty_existing_folder_is_used()
    {
        using var temp = new TempDirectory();

        RunFolder.Create(temp.Path).Root.Should().Be(Path.GetFullPath(temp.Path));
    }

    [Fact]
    public void A_folder_holding_an_earlier_run_is_refused_and_left_alone()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("report.md"), "earlier run");

        var act = () => RunFolder.Create(temp.Path);

        act.Should().Throw<IOException>().WithMessage($"The output folder {temp.Path} already holds files (an earlier run?); choose another with --output or remove it.");
        File.ReadAllText(temp.File("report.md")).Should().Be("earlier run");
    }
}
