using System.IO;
using System.Linq;
using AlexNet.Integration.Tests.Support;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>Checks that a sample run's folder holds every documented output.</summary>
internal static class RunOutputs
{
    public static void ShouldBeComplete(string folder, int epochs, string recipe)
    {
        string[] csv = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
        csv[0].Should().StartWith("epoch,global_step,").And.Contain("train_loss").And.Contain("val_top1");
        csv.Should().HaveCount(1 + epochs);
        File.ReadAllLines(Path.Combine(folder, "metrics.jsonl")).Should().HaveCount(epochs);
        // One event file per process that trained (a resumed run adds one; TensorBoard reads them together).
        Directory.GetFiles(Path.Combine(folder, "tensorboard"), "events.out.tfevents.*").Should().NotBeEmpty()
            .And.OnlyContain(f => new FileInfo(f).Length > 0);
        File.ReadAllText(Path.Combine(folder, "settings.json")).Should().Contain($"\"Recipe\": \"{recipe}\"");
        File.Exists(Path.Combine(folder, "checkpoints", "last.ckpt")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "checkpoints", "best.ckpt")).Should().BeTrue();
        PngFile.Size(File.ReadAllBytes(Path.Combine(folder, "loss.png"))).Should().Be((800, 500));
        PngFile.Size(File.ReadAllBytes(Path.Combine(folder, "accuracy.png"))).Should().Be((800, 500));
        PngFile.Size(File.ReadAllBytes(Path.Combine(folder, "confusion-matrix.png"))).Should().Be((800, 800));
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        report.Should().StartWith($"# Run report: `{recipe}`")
            .And.Contain("](loss.png)").And.Contain("](accuracy.png)").And.Contain("](confusion-matrix.png)")
            .And.Contain("(metrics.csv)").And.Contain("(tensorboard/)").And.Contain("(checkpoints/)");
        Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
        report.Split('\n').Count(l => l.StartsWith("| ", System.StringComparison.Ordinal) && char.IsDigit(l[2])).Should().Be(epochs);
    }
}
