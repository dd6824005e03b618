using System.Collections.Generic;
using System.IO;
using AlexNet.Core.Metrics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training.Hooks;

public class MetricsHistoryHookTests
{
    [Fact]
    public void Csv_and_json_lines_hold_every_epoch_with_round_trip_numbers()
    {
        var history = new MetricsHistory(new[]
        {
            new EpochMetrics(0, 390, new Dictionary<string, double> { ["train_loss"] = 1.25, ["lr"] = 0.01 }),
            new EpochMetrics(1, 780, new Dictionary<string, double> { ["train_loss"] = 0.1 + 0.2, ["lr"] = 0.01, ["val_loss"] = double.NaN }),
        });

        MetricsHistoryHook.ToCsv(history).Should().Be(
            "epoch,global_step,lr,train_loss,val_loss\n" +
            "0,390,0.01,1.25,\n" +
            "1,780,0.01,0.30000000000000004,NaN\n");
        MetricsHistoryHook.ToJsonLines(history).Should().Be(
            "{\"epoch\":0,\"global_step\":390,\"lr\":0.01,\"train_loss\":1.25}\n" +
            "{\"epoch\":1,\"global_step\":780,\"lr\":0.01,\"train_loss\":0.30000000000000004,\"val_loss\":null}\n");
    }

    [Fact]
    public void The_files_are_rewritten_at_each_epoch_end_and_match_the_trainers_history()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));
        var hook = new MetricsHistoryHook(directory.Path);
        trainer.Hooks.Add(hook);

        var result = trainer.Fit(train);

        File.ReadAllText(hook.CsvPath!).Should().Be(MetricsHistoryHook.ToCsv(result.History));
        File.ReadAllLines(hook.JsonLinesPath!).Should().HaveCount(3);
        File.ReadAllText(hook.JsonLinesPath!).Should().Be(MetricsHistoryHook.ToJsonLines(result.History));
    }

    [Fact]
    public void After_a_resume_the_files_hold_exactly_the_checkpoints_epochs_then_the_new_ones()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using (var first = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2)))
        {
            first.Hooks.Add(new CheckpointHook(new AlexNet.Core.Training.Hooks.CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
            first.Fit(train);
        }

        string csv = Path.Combine(directory.Path, "metrics.csv");
        File.WriteAllText(csv, "rows of a crashed run that got further than its checkpoint\n");
        using var second = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3));
        second.Hooks.Add(new MetricsHistoryHook(directory.Path));
        second.Hooks.Add(new CheckpointHook(new AlexNet.Core.Training.Hooks.CheckpointOptions { Directory = directory.Path, Monitor = string.Empty }));
        second.Resume("last");

        var result = second.Fit(train);

        result.History.Should().HaveCount(3);
        File.ReadAllText(csv).Should().Be(MetricsHistoryHook.ToCsv(result.History));
    }
}
