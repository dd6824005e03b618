using System;
using System.IO;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>
/// The real Fashion-MNIST files from Debian's dataset-fashion-mnist, read once per test class. CI installs the package,
/// so a missing directory fails every test that uses this fixture (it never skips).
/// </summary>
public sealed class FashionMnistData : IDisposable
{
    public FashionMnistData()
    {
        if (!Directory.Exists(FashionMnist.DefaultDirectory))
        {
            throw new InvalidOperationException(
                $"Real Fashion-MNIST is required at {FashionMnist.DefaultDirectory}: install it with `sudo apt-get install -y dataset-fashion-mnist`.");
        }

        Train = FashionMnist.Load(DatasetSplit.Train);
        Test = FashionMnist.Load(DatasetSplit.Test);
    }

    public ImageDataset Train { get; }

    public ImageDataset Test { get; }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
