using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models.Layers;

public class ChannelWindowLrnTests
{
    /// <summary>Same formula, the window sum taken in another order: float32 rounding, stated as 1e-5 relative.</summary>
    [Theory]
    [InlineData(5, 1e-4, 0.75, 2.0, 4)]
    [InlineData(4, 1e-3, 0.5, 1.0, 4)]
    [InlineData(3, 2e-2, 0.75, 1.0, 3)]
    [InlineData(1, 1e-4, 0.75, 2.0, 4)]
    public void The_shifted_slice_window_gives_torch_local_response_norm_values_and_gradients_within_float32_rounding(int size, double alpha, double beta, double k, int rank)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var lrn = LocalResponseNormalization.Create(size, alpha, beta, k);
        var shape = rank == 4 ? new long[] { 2, 7, 5, 6 } : new long[] { 2, 7, 9 };
        var values = randn(shape) * 10;
        var x1 = values.clone().requires_grad_();
        var x2 = values.clone().requires_grad_();
        var y = randn(shape);

        var expected = lrn.call(x1);
        (expected * y).sum().backward();
        var actual = ChannelWindowLrn.Forward(lrn, x2);
        (actual * y).sum().backward();
        var expectedGrad = x1.grad!;
        var actualGrad = x2.grad!;

        (actual - expected).abs().max().item<float>().Should().BeLessThan(1e-5f * expected.abs().max().item<float>());
        (actualGrad - expectedGrad).abs().max().item<float>().Should().BeLessThan(1e-5f * expectedGrad.abs().max().item<float>());
    }
}
