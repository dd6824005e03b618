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

    [Fact]
    public void Compressed_gradients_travel_as_bfloat16_in_half_the_bytes_and_are_rounded_to_nearest_even()
    {
        using var scope = NewDisposeScope();
        var model = nn.Sequential(nn.Linear(100, 50), nn.Linear(50, 10));
        var parameters = model.parameters().ToArray();
        foreach (var p in parameters)
        {
            // 1 + 2^-7 + 2^-9 is not a bfloat16: it rounds to 1 + 2^-7 (0x3F81); the peer's 1 + 2^-8 rounds to 1 (a tie, to even).
            p.grad = full_like(p, 1f + (1f / 128) + (1f / 512));
        }

        using var plain = new GradientBuckets(parameters, 8 * 1024);
        using var compressed = new GradientBuckets(parameters, 8 * 1024, GradientCompression.BFloat16);
        var plainPeer = new FakeCollectives { PeerFloat = 1f };
        var compressedPeer = new FakeCollectives { PeerFloat = 1f + (1f / 256) };

        plain.AllReduceMean(plainPeer);
        foreach (var p in parameters)
        {
            p.grad = full_like(p, 1f + (1f / 128) + (1f / 512));
        }

        compressed.AllReduceMean(compressedPeer);

        compressedPeer.ReducedBytes.Should().Be(plainPeer.ReducedBytes / 2, "bfloat16 is 2 bytes, float32 4");
        compressedPeer.AllReduceCalls.Should().Be(plainPeer.AllReduceCalls);
        foreach (var p in parameters)
        {
            // (1 + 2^-7) + 1 = 2 + 2^-7: a tie between 2 and 2 + 2^-6, to even: 2; divided by 2: exactly 1.
            p.grad!.eq(1f).all().item<bool>().Should().BeTrue("the bfloat16 sum is rounded to nearest even and averaged in float32");
        }
    }
}
