using System.Linq;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Training.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Precision;

[Collection(SerialTorchCollection.Name)]
public class SingleChannelConvolutionTests
{
    /// <summary>
    /// Same sums as LibTorch's convolution in another order: float32 results within 1e-5 of it (outputs of order 1,
    /// kernel-sized sums), and the weight and bias gradients within 1e-3 relative (sums over every output position of the batch).
    /// </summary>
    [Theory]
    [InlineData(3, 1, 2, 16)]
    [InlineData(3, 1, 0, 16)]
    [InlineData(5, 2, 1, 32)]
    [InlineData(11, 4, 2, 128)]
    public void A_one_channel_convolution_under_channels_last_gives_LibTorchs_outputs_and_gradients(int kernel, int stride, int padding, int outChannels)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        using var conv = nn.Conv2d(1, outChannels, kernel, stride: stride, padding: padding);
        var images = randn(8, 1, 29, 29);
        var reference = nn.functional.conv2d(images, conv.weight!, conv.bias, conv.stride, conv.padding, conv.dilation, conv.groups);
        var gradient = randn(reference.shape);
        reference.backward(new[] { gradient });
        var referenceWeightGrad = conv.weight!.grad!.clone();
        var referenceBiasGrad = conv.bias!.grad!.clone();
        conv.weight.grad = null;
        conv.bias.grad = null;

        var output = MixedPrecisionForward.Layer(conv, images, ScalarType.Float32, channelsLast: true);
        output.backward(new[] { gradient });

        output.shape.Should().Equal(reference.shape);
        output.stride(1).Should().Be(1, "the output is channels-last, as the next layers expect");
        (output - reference).abs().max().item<float>().Should().BeLessThan(1e-5f);
        RelativeError(conv.weight.grad!, referenceWeightGrad).Should().BeLessThan(1e-3);
        RelativeError(conv.bias.grad!, referenceBiasGrad).Should().BeLessThan(1e-3);
    }

    [Fact]
    public void Under_bf16_mixed_the_first_Fashion_MNIST_convolution_returns_channels_last_bfloat16_within_bfloat16_rounding()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(12);
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 64 });
        var conv = (Conv2d)model.Layers.Features.children().First();
        var images = rand(4, 1, 28, 28);
        var reference = conv.call(images);

        var output = MixedPrecisionForward.Layer(conv, images, ScalarType.BFloat16, channelsLast: true);

        output.dtype.Should().Be(ScalarType.BFloat16);
        output.stride(1).Should().Be(1);
        double scale = reference.abs().max().item<float>();
        (output.to(ScalarType.Float32) - reference).abs().max().item<float>().Should().BeLessThan((float)(0.01 * scale), "bfloat16 inputs and weights round by 2^-9 relative each");
    }

    [Fact]
    public void A_multi_channel_or_dilated_convolution_or_one_with_more_taps_than_outputs_keeps_LibTorchs_kernel()
    {
        using var one = nn.Conv2d(1, 9, 3);
        using var three = nn.Conv2d(3, 9, 3);
        using var dilated = nn.Conv2d(1, 9, 3, dilation: 2);
        using var wide = nn.Conv2d(1, 8, 3);

        SingleChannelConvolution.Applies(one).Should().BeTrue();
        SingleChannelConvolution.Applies(three).Should().BeFalse();
        SingleChannelConvolution.Applies(dilated).Should().BeFalse();
        SingleChannelConvolution.Applies(wide).Should().BeFalse("nine taps for eight output channels: the unfolded windows would outgrow the output");
    }

    private static double RelativeError(Tensor actual, Tensor expected) =>
        (actual - expected).abs().max().item<float>() / (double)expected.abs().max().item<float>();
}
