using AlexNet.Data.Datasets;

namespace AlexNet.Samples.Common.Runs;

/// <summary>The training and test sets of a run, with a line saying where they came from. Disposing disposes both.</summary>
/// <param name="Train">The training set.</param>
/// <param name="Test">The test set.</param>
/// <param name="Description">Where the data came from, for the report, such as "Fashion-MNIST from /usr/share/datasets/fashion-mnist".</param>
public sealed record SampleData(ImageDataset Train, ImageDataset Test, string Description) : IDisposable
{
    /// <summary>Reads the training set, then the test set; disposes the training set when the test set fails.</summary>
    public static SampleData Load(Func<ImageDataset> train, Func<ImageDataset> test, string description)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ImageDataset trainSet = train();
        try
        {
            return new SampleData(trainSet, test(), description);
        }
        catch
        {
            trainSet.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
