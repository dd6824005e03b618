using AlexNet.Core.Models.Weights;
using AlexNet.Data.Datasets;
using AlexNet.Data.Tests.Datasets;
using AlexNet.Data.Transforms;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>StandardPipelines' Fashion-MNIST statistics are those of the real training set.</summary>
public sealed class FashionMnistStatisticsTests : IClassFixture<FashionMnistData>
{
    private readonly FashionMnistData _data;

    public FashionMnistStatisticsTests(FashionMnistData data) => _data = data;

    [Fact]
    public void The_fashion_mnist_mean_and_std_are_the_training_sets_pixel_statistics()
    {
        var stats = ChannelStats.Compute(_data.Train);

        KnownWeights.FashionMnist.Preprocessing.Mean.Should().ContainSingle().Which.Should().BeApproximately((float)stats.Mean[0], 1e-4f);
        KnownWeights.FashionMnist.Preprocessing.Std.Should().ContainSingle().Which.Should().BeApproximately((float)stats.Std[0], 1e-4f);
    }
}
