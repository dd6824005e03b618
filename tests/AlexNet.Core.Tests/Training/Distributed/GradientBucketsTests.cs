using System.Linq;
using AlexNet.Core.Tests.Distributed;
using AlexNet.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Distributed;

/// <summary>The gradient buckets without MPI: a fake peer whose gradients are all 1.</summary>
public class GradientBucketsTests
{
    [Fact]
    public void Gradients_become_the_mean_with_the_peer_in_one_allreduce_per_bucket()
    {
        using var scope = NewDisposeScope();
        var model = nn.Sequential(nn.Linear(100, 50), nn.Linear(50, 10));
        var parameters = model.parameters().ToArray();
        foreach (var p in parameters)
        {
            p.grad = full_like(p, 3f);
        }

        // 5,000 + 50 + 500 + 10 floats; 8 KB buckets close after the first weight and after the second.
        using var buckets = new GradientBuckets(parameters, 8 * 1024);
        var peer = new FakeCollectives { PeerFloat = 1f };

        buckets.AllReduceMean(peer);

        buckets.Count.Should().Be(2);
        peer.AllReduceCalls.Should().Be(2, "one allreduce per bucket, not per parameter");
        foreach (var p in parameters)
        {
            p.grad!.eq(2f).all().item<bool>().Should().BeTrue("(3 + 1) / 2 = 2 everywhere, written back into the gradient tensors");
        }
    }
}
