using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>Integer labels of another type than int64 train exactly as int64 labels (serial: it compares two runs' dropout draws).</summary>
[Collection(SerialTorchCollection.Name)]
public class LabelTypeConversionTests
{
    [Fact]
    public void Integer_labels_of_another_type_than_int64_are_converted_and_train_as_int64_labels_do()
    {
        using var images = rand(8, 1, 8, 8);
        using var labels = arange(8, dtype: int64).remainder(4);
        using var labels32 = labels.to(int32);
        using var reference = new Trainer(TrainingSetup.Model(classes: 4), TrainingSetup.Options(epochs: 1));
        using var converted = new Trainer(TrainingSetup.Model(classes: 4), TrainingSetup.Options(epochs: 1));

        reference.Fit(new TensorBatchSource(images, labels, batchSize: 4));
        converted.Fit(new TensorBatchSource(images, labels32, batchSize: 4));

        converted.GlobalStep.Should().Be(2);
        converted.History.Last!.Values["train_loss"].Should().Be(reference.History.Last!.Values["train_loss"]);
    }
}
