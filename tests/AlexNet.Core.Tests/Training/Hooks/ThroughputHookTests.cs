using System;
using System.IO;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;

namespace AlexNet.Core.Tests.Training.Hooks;

public class ThroughputHookTests
{
    [Fact]
    public void Each_epoch_gets_its_step_and_image_counts_and_positive_times()
    {
        using var train = new InMemoryBatchSource(samples: 5 * 4, batchSize: 4);
        using var validation = new InMemoryBatchSource(samples: 6, batchSize: 4, shuffle: false);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));
        var text = new StringWriter();
        var hook = new ThroughputHook(text);
        trainer.Hooks.Add(hook);

        trainer.Fit(train, validation);

        hook.Epochs.Should().HaveCount(2);
        hook.Epochs[1].Epoch.Should().Be(1);
        hook.Epochs[1].TrainSteps.Should().Be(5);
        hook.Epochs[1].TrainSamples.Should().Be(20);
        hook.Epochs[1].ValidationSamples.Should().Be(6);
        hook.Epochs[1].TrainTime.Should().BePositive();
        hook.Epochs[1].ValidationTime.Should().BePositive();
        hook.Epochs[1].TrainImagesPerSecond.Should().BeApproximately(20 / hook.Epochs[1].TrainTime.TotalSeconds, 1e-6);
        text.ToString().Should().StartWith("epoch 0: train ").And.Contain(" img/s, ").And.Contain(" ms/step; validation ");
    }
}
