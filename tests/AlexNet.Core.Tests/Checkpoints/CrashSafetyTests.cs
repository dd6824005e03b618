using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.CheckpointCrashProbe;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Checkpoints;

[Collection(SerialTorchCollection.Name)]
public class CrashSafetyTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private const int Kills = 24;

    [Fact]
    public async System.Threading.Tasks.Task Killing_a_process_at_random_moments_while_it_rewrites_its_checkpoint_always_leaves_a_loadable_last_checkpoint()
    {
        using var directory = new TempDirectory();
        string last = directory.File(CheckpointFile.LastFileName);
        var random = new Random(2024);
        long previousStep = 0;
        int killedMidWrite = 0;
        string[] leftBehind = Array.Empty<string>();

        for (int kill = 0; kill < Kills; kill++)
        {
            using (var probe = StartProbe(directory.Path))
            {
                try
                {
                    string? ready = await probe.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                    ready.Should().StartWith("ready", "the probe must start training (stderr: {0})", ready is null ? await probe.StandardError.ReadToEndAsync() : string.Empty);
                    leftBehind.Where(File.Exists).Should().BeEmpty("a starting run deletes the temporary files of the killed one");
                    await System.Threading.Tasks.Task.Delay(random.Next(0, 150));
                }
                finally
                {
                    probe.Kill(entireProcessTree: true);
                    probe.WaitForExit();
                }
            }

            leftBehind = Directory.GetFiles(directory.Path).Where(AtomicFile.IsTemporaryFile).ToArray();
            if (leftBehind.Length > 0)
            {
                killedMidWrite++;
            }

            foreach (string snapshot in Directory.GetFiles(directory.Path, "epoch-*" + CheckpointFile.Extension))
            {
                CheckpointFile.ReadInfo(snapshot).GlobalStep.Should().BeGreaterThan(0);
            }

            var info = CheckpointFile.ReadInfo(last);
            info.GlobalStep.Should().BeGreaterThanOrEqualTo(previousStep, "each run resumes from the last checkpoint of the one before");
            previousStep = info.GlobalStep;
            using var trainer = new Trainer(new ProbeModel(), ProbeSetup.Options());
            trainer.Resume("last", directory.Path).GlobalStep.Should().Be(info.GlobalStep);
        }

        _output.WriteLine($"{Kills} kills, {killedMidWrite} of them while a checkpoint was being written; last checkpoint at step {previousStep}.");
        killedMidWrite.Should().BeGreaterThan(0, "some kills must land while a checkpoint is being written (a temporary file is left behind)");
        Directory.GetFiles(directory.Path).Select(Path.GetFileName).Should().Contain(CheckpointFile.LastFileName)
            .And.OnlyContain(n => n == CheckpointFile.LastFileName || n!.StartsWith("epoch-", StringComparison.Ordinal) || AtomicFile.IsTemporaryFile(n));
    }

    private static Process StartProbe(string directory)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "AlexNet.CheckpointCrashProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(directory);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
    }
}
