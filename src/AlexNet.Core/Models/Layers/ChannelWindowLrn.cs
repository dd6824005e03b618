using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// A <c>LocalResponseNorm</c>'s forward written with element-wise operations: x / (k + alpha / size * s)^beta, where
/// s sums the squares of the <c>size</c> channels c - size / 2 to c + (size - 1) / 2 (zero beyond the edges), as
/// PyTorch's <c>local_response_norm</c> defines it. PyTorch computes s with an average pool over a 5-dimensional view,
/// whose CPU kernels (forward and backward) are slow on these shapes; here s is the sum of <c>size</c> shifted slices
/// of the zero-padded squares. The same values up to float32 rounding (the sum is taken in another order).
/// </summary>
internal static class ChannelWindowLrn
{
    /// <summary>
    /// <paramref name="x"/> (N x C x ..., at least 3 dimensions) normalised by <paramref name="lrn"/>'s constants, with
    /// autograd; the caller owns the result.
    /// </summary>
    public static Tensor Forward(LocalResponseNorm lrn, Tensor x)
    {
        long channels = x.shape[1];
        long size = lrn.size;
        long[] padding = Enumerable.Repeat(0L, (int)(2 * (x.dim() - 2))).Concat(new[] { size / 2, (size - 1) / 2 }).ToArray();
        using Tensor squares = x.square();
        using Tensor padded = nn.functional.pad(squares, padding);
        using Tensor sum = padded.narrow(1, 0, channels).clone();
        for (long offset = 1; offset < size; offset++)
        {
            using Tensor slice = padded.narrow(1, offset, channels);
            sum.add_(slice);
        }

        using Tensor scaled = sum.mul_(lrn.alpha / size).add_(lrn.k);
        using Tensor divisor = scaled.pow(lrn.beta);
        return x / divisor;
    }
}
