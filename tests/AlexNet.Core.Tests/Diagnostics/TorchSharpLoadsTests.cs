using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Diagnostics;

public class TorchSharpLoadsTests
{
    [Fact]
    public void A_convolution_runs_on_the_cpu_backend_and_gives_the_hand_computed_result()
    {
        using var scope = NewDisposeScope();
        // 1 x 1 x 4 x 4 input 0..15, one 3x3 kernel of ones, bias 0.5: each output is the 3x3 window sum + 0.5.
        var input = arange(16, dtype: float32).reshape(1, 1, 4, 4);
        var conv = nn.Conv2d(1, 1, 3);
        using (no_grad())
        {
            conv.weight!.fill_(1f);
            conv.bias!.fill_(0.5f);
        }

        var output = conv.forward(input);

        output.shape.Should().Equal(1, 1, 2, 2);
        output.data<float>().ToArray().Should().Equal(45.5f, 54.5f, 81.5f, 90.5f);
    }

    [Fact]
    public void The_loaded_libtorch_is_version_2_10()
    {
        torch.__version__.Should().StartWith("2.10");
    }
}
