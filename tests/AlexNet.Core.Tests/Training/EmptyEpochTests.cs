using System;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>
/// An epoch with no batches (every file skipped as unreadable, an empty source), or with fewer batches than the source
/// announces, is a clear InvalidOperationException saying what happened, never "Sequence contains no elements".
/// </summary>
public class EmptyEpochTests
{
    [Fact]
    public void A_training_source_that_yields_no_batch_is_a_clear_error()
    {
        using var train = new ShortBatchSource(samples: 8, batchSize: 4, yields: 0);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("The training source (ShortBatchSource) announces 2 batches per epoch (8 samples), "
                + "but epoch 0 from batch 0 yielded no batch at all: every sample may have been skipped as unreadable*");
    }

    [Fact]
    public void A_training_source_that_yields_fewer_batches_than_it_announces_is_a_clear_error()
    {
        using var train = new ShortBatchSource(samples: 12, batchSize: 4, yields: 1);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("The training source (ShortBatchSource) announces 3 batches per epoch (12 samples), but epoch 0 from batch 0 yielded only 1:*");
    }

    [Fact]
    public void A_validation_source_that_yields_no_batch_is_a_clear_error()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var validation = new ShortBatchSource(samples: 8, batchSize: 4, yields: 0);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train, validation);

        act.Should().Throw<InvalidOperationException>().WithMessage("The validation source (ShortBatchSource) announces 2 batches*yielded no batch at all*");
    }

    [Fact]
    public void A_batch_norm_model_whose_source_yields_no_batch_is_told_so_instead_of_sequence_contains_no_elements()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 4, new AlexNetOptions { ClassifierWidth = 8 });
        using var train = new ShortBatchSource(samples: 9, batchSize: 4, yields: 0, channels: 3, size: 32);
        using var trainer = new Trainer(model, TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("The source (ShortBatchSource) announces 3 batches per epoch, but GetBatches(0, 2) yielded no batch*")
            .And.Message.Should().NotContain("Sequence contains no elements");
    }
}
