using System;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>A batch-norm model whose epoch would end in a batch of one image is refused before the first step.</summary>
public class BatchNormLastBatchTests
{
    [Fact]
    public void A_last_batch_of_one_image_is_refused_before_training_with_a_drop_last_hint()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 4, new AlexNetOptions { ClassifierWidth = 8 });
        using var train = new InMemoryBatchSource(samples: 9, batchSize: 4, channels: 3, size: 32);
        using var trainer = new Trainer(model, TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*9 samples in batches of 4 leave a last batch of 1 image*batch norm*DropLast*");
        trainer.GlobalStep.Should().Be(0, "the check runs before the first step");
    }

    [Fact]
    public void A_last_batch_of_two_images_trains()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 4, new AlexNetOptions { ClassifierWidth = 8 });
        using var train = new InMemoryBatchSource(samples: 6, batchSize: 4, channels: 3, size: 32);
        using var trainer = new Trainer(model, TrainingSetup.Options(epochs: 1));

        trainer.Fit(train).Completed.Should().BeTrue();
    }
}
