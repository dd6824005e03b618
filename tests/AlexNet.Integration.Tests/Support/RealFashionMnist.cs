using System.IO;
using AlexNet.Data.Datasets;

namespace AlexNet.Integration.Tests.Support;

/// <summary>Debian's dataset-fashion-mnist; CI installs it, so a missing copy is a failure that says how to install it.</summary>
internal static class RealFashionMnist
{
    public static string Directory
    {
        get
        {
            if (!File.Exists(Path.Combine(FashionMnist.DefaultDirectory, "t10k-labels-idx1-ubyte.gz")))
            {
                throw new DirectoryNotFoundException(
                    $"Real Fashion-MNIST is required at {FashionMnist.DefaultDirectory}: install it with `sudo apt-get install -y dataset-fashion-mnist` (build/setup-debian.sh does).");
            }

            return FashionMnist.DefaultDirectory;
        }
    }
}
