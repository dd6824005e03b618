using System;
using System.IO;
using System.Linq;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;

namespace AlexNet.Core.Tests.Training.Hooks;

public class ProgressHookTests
{
    [Fact]
    public void Redirected_output_gets_one_plain_line_per_log_step_and_per_epoch()
    {
        using var train = new InMemoryBatchSource(samples: 6 * 4, batchSize: 4);
        using var validation = new InMemoryBatchSource(samples: 8, batchSize: 4, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2, logInterval: 2));
        var text = new StringWriter { NewLine = "\n" };
        trainer.Hooks.Add(new ProgressHook(text, inPlace: false));

        trainer.Fit(train, validation);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotContain(l => l.Contains('\r'));
        lines[0].Should().Be("Training TinyNet on cpu: 2 epochs of 6 batches");
        lines.Skip(1).Take(3).Select(l => l[..l.IndexOf("  loss", StringComparison.Ordinal)]).Should().Equal(
            "epoch 1/2  batch 2/6", "epoch 1/2  batch 4/6", "epoch 1/2  batch 6/6");
        lines[1].Should().MatchRegex(@"^epoch 1/2  batch 2/6  loss \d+\.\d{4}  top-1 \d+\.\d%  [\d,]+ img/s  ETA \d\d:\d\d:\d\d$");
        lines[4].Should().MatchRegex(@"^epoch 1/2  train loss \d+\.\d{4} top-1 \d+\.\d% top-5 100\.0%  val loss \d+\.\d{4} top-1 \d+\.\d% top-5 100\.0%  lr 0\.05  \d\d:\d\d:\d\d$");
        lines.Should().HaveCount(1 + (2 * 4) + 1);
        lines[^1].Should().Be("Training complete.");
    }

    [Fact]
    public void On_a_terminal_the_batch_line_is_redrawn_in_place_and_the_epoch_summary_replaces_it()
    {
        using var train = new InMemoryBatchSource(samples: 4 * 4, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1, logInterval: 1));
        var text = new StringWriter { NewLine = "\n" };
        trainer.Hooks.Add(new ProgressHook(text, inPlace: true));

        trainer.Fit(train);

        string output = text.ToString();
        var lines = output.Split('\n');
        lines[1].Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()[..20]).Should().Equal(
            "epoch 1/1  batch 1/4", "epoch 1/1  batch 2/4", "epoch 1/1  batch 3/4", "epoch 1/1  batch 4/4", "epoch 1/1  train los");
        lines[2].Should().Be("Training complete.");
    }

    [Fact]
    public void Cancellation_ends_the_in_place_line_and_says_so()
    {
        using var train = new InMemoryBatchSource(samples: 4 * 4, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1, logInterval: 1));
        var text = new StringWriter { NewLine = "\n" };
        using var cancellation = new System.Threading.CancellationTokenSource();
        trainer.Hooks.Add(new ProgressHook(text, inPlace: true));
        trainer.Hooks.Add(new RecordingHook { OnBatchEnd = s => { if (s.GlobalStep == 2) { cancellation.Cancel(); } return HookControl.Continue; } });

        var act = () => trainer.Fit(train, cancellationToken: cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
        text.ToString().Should().EndWith("Training cancelled.".PadRight(text.ToString().Split('\r')[^2].Length) + "\n");
    }
}
