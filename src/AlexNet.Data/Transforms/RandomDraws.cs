using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Per-image random parameters, drawn as one small CPU tensor per parameter from the caller's generator
/// (so the draws do not depend on the images' device).
/// </summary>
internal static class RandomDraws
{
    /// <summary>float32 N, uniform in [low, high).</summary>
    public static Tensor Uniform(long count, double low, double high, Generator generator)
    {
        var values = empty(count, ScalarType.Float32, CPU);
        return values.uniform_(low, high, generator);
    }

    /// <summary>bool N, each true with probability <paramref name="p"/> (as torchvision's <c>torch.rand(1) &lt; p</c>).</summary>
    public static Tensor Bernoulli(long count, double p, Generator generator)
    {
        using Tensor u = rand(count, ScalarType.Float32, CPU, generator: generator);
        return u.lt(p);
    }

    /// <summary>int64 N, uniform integers in [0, <paramref name="high"/>).</summary>
    public static Tensor Integers(long count, long high, Generator generator) =>
        randint(0, high, new[] { count }, ScalarType.Int64, CPU, generator: generator);

    /// <summary>int64 N x k, each row a uniformly random permutation of 0..k-1.</summary>
    public static Tensor Permutations(long count, int k, Generator generator)
    {
        using Tensor keys = rand(new[] { count, k }, ScalarType.Float32, CPU, generator: generator);
        return keys.argsort(1);
    }

    /// <summary>float32 N x k, normal with mean 0 and standard deviation <paramref name="std"/>.</summary>
    public static Tensor Normal(long count, int k, double std, Generator generator)
    {
        using Tensor z = randn(new[] { count, k }, ScalarType.Float32, CPU, generator: generator);
        return z.mul(std);
    }
}
