using System;
using System.Collections.Generic;
using AlexNet.Core.Metrics;
using AlexNet.Samples.Common.Outputs;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Outputs;

public class RunReportTests
{
    private static RunReport Report() => new()
    {
        Recipe = RecipeCatalogue.Find("cifar10-002")!,
        CommandLine = "dotnet run -c Release --project samples/Cifar10 -- --epochs 2",
        Settings = new[] { ("batch size", "512"), ("training pipeline", "Compose(A | B)") },
        History = new MetricsHistory(new[]
        {
            new EpochMetrics(0, 98, new Dictionary<string, double> { ["train_loss"] = 1.5, ["train_top1"] = 0.45, ["val_loss"] = 1.2, ["val_top1"] = 0.55, ["val_top5"] = 0.9, ["lr"] = 0.001 }),
            new EpochMetrics(1, 196, new Dictionary<string, double> { ["train_loss"] = 1.1, ["train_top1"] = 0.6, ["val_loss"] = 1.0, ["val_top1"] = 0.65, ["val_top5"] = 0.95, ["lr"] = 0.001 }),
        }),
        TestTop1 = 0.6512,
        TestTop5 = 0.9501,
        TestLoss = 1.0,
        TestImages = 10_000,
        TestProcedure = "the last epoch's model",
        ClassNames = new[] { "airplane", "automobile" },
        PerClassAccuracy = new[] { 0.7, double.NaN },
        WallTime = TimeSpan.FromSeconds(612.4),
        TrainingTime = TimeSpan.FromSeconds(41.25),
        Pictures = new[] { ("Loss per epoch", "loss.png") },
        Files = new[] { ("per-epoch metrics (CSV)", "metrics.csv") },
    };

    [Fact]
    public void The_report_states_the_recipe_command_result_and_wall_time()
    {
        string markdown = Report().ToMarkdown();

        markdown.Should().StartWith("# Run report: `cifar10-002`\n\nWrite-up 002: CIFAR-10 batch-norm AlexNet, augmentation with the identity ColorJitter(), Adam 1e-3, 100 epochs. Source: write-up 002 ([Intro to AI] CIFAR-10 AlexNet).\n\n    dotnet run -c Release --project samples/Cifar10 -- --epochs 2\n");
        markdown.Should().Contain("| test top-1 accuracy | **65.12%** on 10,000 test images (the last epoch's model) |")
            .And.Contain("| test top-5 accuracy | 95.01% |")
            .And.Contain("| reported by the recipe's source | best 90.34% test (epoch 60), final 89.90% after 100 epochs |")
            .And.Contain("| wall time | 10 min 12 s (training and per-epoch evaluation 41.2 s) |");
    }

    [Fact]
    public void The_report_lists_settings_epochs_classes_pictures_and_files()
    {
        string markdown = Report().ToMarkdown();

        markdown.Should().Contain("| batch size | 512 |\n| training pipeline | Compose(A \\| B) |\n")
            .And.Contain("| 1 | 1.5000 | 45.00% | 1.2000 | 55.00% | 90.00% | 0.001 |\n| 2 | 1.1000 | 60.00% | 1.0000 | 65.00% | 95.00% | 0.001 |\n")
            .And.Contain("| airplane | 70.00% |\n| automobile | - |\n")
            .And.Contain("![Loss per epoch](loss.png)")
            .And.Contain("- [metrics.csv](metrics.csv): per-epoch metrics (CSV)");
    }

    [Fact]
    public void The_report_states_images_seen_and_the_load_beside_the_wall_time()
    {
        string markdown = (Report() with { ImagesSeen = 150_000, Load = RunReport.LoadText("1.98", "2.00") }).ToMarkdown();

        markdown.Should().Contain("| wall time | 10 min 12 s (training and per-epoch evaluation 41.2 s); load average 1.98 at the start, 2.00 at the end |\n")
            .And.Contain("| training images seen | 150,000 |\n");
    }

    [Theory]
    [InlineData(null, "2.00")]
    [InlineData("1.98", null)]
    public void The_load_is_left_out_when_either_reading_is_missing(string? atStart, string? atEnd)
    {
        RunReport.LoadText(atStart, atEnd).Should().BeEmpty();
        (Report() with { Load = RunReport.LoadText(atStart, atEnd) }).ToMarkdown()
            .Should().Contain("| wall time | 10 min 12 s (training and per-epoch evaluation 41.2 s) |\n");
    }
}
