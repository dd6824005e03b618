using System;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>A label outside 0..K-1 fails before the loss with a typed message, not LibTorch's "Target 7 is out of bounds".</summary>
public class LabelRangeTests
{
    [Fact]
    public void A_label_beyond_the_class_count_names_the_label_the_class_count_and_the_batch()
    {
        using var images = rand(12, 1, 8, 8);
        using var labels = arange(12, dtype: int64).remainder(4);
        labels[6] = tensor(7L); // batch 1
        using var trainer = new Trainer(TrainingSetup.Model(classes: 4), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(new TensorBatchSource(images, labels, batchSize: 4));

        act.Should().Throw<ArgumentException>()
            .WithMessage("Batch 1 of epoch 0 has label 7, but the model outputs 4 classes: labels must be from 0 to 3.*");
        trainer.GlobalStep.Should().Be(1, "the bad batch is refused before its step");
    }

    [Fact]
    public void A_negative_label_is_refused_too()
    {
        using var images = rand(4, 1, 8, 8);
        using var labels = tensor(new long[] { 0, -1, 2, 3 });
        using var trainer = new Trainer(TrainingSetup.Model(classes: 4), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(new TensorBatchSource(images, labels, batchSize: 4));

        act.Should().Throw<ArgumentException>().WithMessage("Batch 0 of epoch 0 has label -1, but the model outputs 4 classes*");
    }

    [Fact]
    public void Evaluation_checks_labels_the_same_way()
    {
        using var images = rand(4, 1, 8, 8);
        using var labels = tensor(new long[] { 0, 1, 9, 3 });
        using var trainer = new Trainer(TrainingSetup.Model(classes: 4), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Evaluate(new TensorBatchSource(images, labels, batchSize: 4));

        act.Should().Throw<ArgumentException>().WithMessage("Batch 0 has label 9, but the model outputs 4 classes*");
    }

    [Fact]
    public void Floating_point_labels_are_refused_with_a_message_naming_their_type()
    {
        using var images = rand(4, 1, 8, 8);
        using var labels = tensor(new float[] { 0, 1, 2, 3 });
        using var trainer = new Trainer(TrainingSetup.Model(classes: 4), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(new TensorBatchSource(images, labels, batchSize: 4));

        act.Should().Throw<ArgumentException>().WithMessage("Batch 0 of epoch 0 has Float32 labels, but class labels must be integers*");
        trainer.GlobalStep.Should().Be(0);
    }
}
