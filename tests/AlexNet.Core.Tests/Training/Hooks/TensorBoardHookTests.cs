using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Training.Hooks;

public class TensorBoardHookTests
{
    [Fact]
    public void An_events_file_appears_with_the_step_and_epoch_scalars()
    {
        using var directory = new TempDirectory();
        using var train = new InMemoryBatchSource(samples: 4 * 4, batchSize: 4);
        using var validation = new InMemoryBatchSource(samples: 4, batchSize: 4, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2, logInterval: 2));
        trainer.Hooks.Add(new TensorBoardHook(directory.Path));

        var result = trainer.Fit(train, validation);

        string file = Directory.GetFiles(directory.Path, "events.out.tfevents.*").Should().ContainSingle().Subject;
        var scalars = ReadScalars(file);
        scalars.Where(s => s.Tag == "train/loss").Select(s => s.Step).Should().Equal(2, 4, 6, 8);
        scalars.Where(s => s.Tag == "train/lr").Select(s => s.Value).Should().OnlyContain(v => v == 0.05f);
        scalars.Where(s => s.Tag.StartsWith("epoch/", StringComparison.Ordinal)).Select(s => s.Tag).Distinct().Should().BeEquivalentTo(
            result.LastEpoch!.Values.Keys.Select(k => "epoch/" + k));
        scalars.Single(s => s.Tag == "epoch/val_top1" && s.Step == 8).Value.Should().Be((float)result.LastEpoch["val_top1"]!.Value);
    }

    /// <summary>TFRecord framing: uint64 length, uint32 masked CRC, the Event protobuf, uint32 masked CRC.</summary>
    private static List<(string Tag, long Step, float Value)> ReadScalars(string path)
    {
        var scalars = new List<(string, long, float)>();
        using var reader = new BinaryReader(File.OpenRead(path));
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            long length = reader.ReadInt64();
            reader.ReadUInt32();
            var evnt = Tensorboard.Event.Parser.ParseFrom(reader.ReadBytes((int)length));
            reader.ReadUInt32();
            if (evnt.Summary is null)
            {
                evnt.FileVersion.Should().Be("brain.Event:2");
                continue;
            }

            scalars.AddRange(evnt.Summary.Value.Select(v => (v.Tag, evnt.Step, v.SimpleValue)));
        }

        return scalars;
    }
}
