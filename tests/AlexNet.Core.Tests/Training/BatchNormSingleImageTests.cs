using System;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>A training source of a single image for a batch-norm model is refused with a correct, grammatical message.</summary>
public class BatchNormSingleImageTests
{
    [Fact]
    public void A_single_training_image_is_refused_without_claiming_a_batch_size_of_one()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 4, new AlexNetOptions { ClassifierWidth = 8 });
        using var train = new InMemoryBatchSource(samples: 1, batchSize: 128, channels: 3, size: 32);
        using var trainer = new Trainer(model, TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train);

        var message = act.Should().Throw<ArgumentException>()
            .WithMessage("The training source holds 1 sample, so each epoch is a single batch of 1 image, "
                + "but the model AlexNetModel has batch norm over the batch (BatchNorm1d)*Train on at least 2 images.*")
            .Which.Message;
        message.Should().NotContain("1 samples").And.NotContain("batches of 1");
    }
}
