using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// A channels-last convolution of a one-channel input (the Fashion-MNIST networks' first layer) as one matrix product
/// over the input's sliding windows: <c>unfold</c> to (N x OH x OW) rows of kh x kw pixels, times the weight as
/// kh x kw x C_out, plus the bias, viewed as N x C_out x OH x OW with channels-last strides.
/// </summary>
/// <remarks>
/// With one input channel, LibTorch cannot tell a channels-last input from an NCHW one, so its convolution returns
/// NCHW and every layer up to the next convolution runs NCHW (the 2 x 2 max-pool alone then takes 20 ms of a 128-image
/// step on the CPU); and oneDNN's bfloat16 weight gradient for one input channel is slow (about 30 ms against 6 ms for
/// the product's). Same sums as the convolution (each output is the dot product of a window with the kernel, plus the
/// bias, accumulated in float32), so the same values up to the order of additions; autograd differentiates the product.
/// </remarks>
internal static class SingleChannelConvolution
{
    /// <summary>
    /// Whether <paramref name="conv"/> takes one input channel, ungrouped and undilated, with zero padding, and has at
    /// least as many output channels as kernel taps: the unfolded windows (kh x kw values per output position) are
    /// then no larger than the convolution's own output, so the product never needs much more memory than the layer.
    /// </summary>
    public static bool Applies(Conv2d conv) =>
        conv.in_channels == 1 && conv.groups == 1 && conv.dilation.All(d => d == 1) && conv.padding_type is null
        && conv.padding_mode == TorchSharp.PaddingModes.Zeros
        && conv.kernel_size.Aggregate(1L, (a, b) => a * b) <= conv.out_channels;

    /// <summary>
    /// The convolution of <paramref name="input"/> (N x 1 x H x W) with <paramref name="weight"/> (C_out x 1 x kh x kw)
    /// and <paramref name="bias"/>, all of one dtype, whose output shape N x C_out x OH x OW the layer's geometry gave
    /// as <paramref name="outputShape"/>; the result has that shape in channels-last layout.
    /// </summary>
    public static Tensor Forward(Conv2d conv, Tensor input, Tensor weight, Tensor? bias, long[] outputShape)
    {
        long kh = conv.kernel_size[0], kw = conv.kernel_size[^1];
        long[] padding = conv.padding ?? new[] { 0L, 0L };
        long n = outputShape[0], outChannels = outputShape[1], oh = outputShape[2], ow = outputShape[3];
        using Tensor windows = nn.functional.unfold(input, (kh, kw), padding: (padding[0], padding[^1]), stride: (conv.stride[0], conv.stride[^1]));
        using Tensor byPosition = windows.transpose(1, 2);
        using Tensor rows = byPosition.reshape(n * oh * ow, kh * kw);
        using Tensor kernel = weight.view(outChannels, kh * kw);
        using Tensor kernelT = kernel.t();
        using Tensor products = bias is null ? rows.mm(kernelT) : addmm(bias, rows, kernelT, 1, 1);
        using Tensor nhwc = products.view(n, oh, ow, outChannels);
        return nhwc.permute(0, 3, 1, 2);
    }
}
