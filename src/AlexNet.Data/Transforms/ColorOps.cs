using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// torchvision's colour functions (functional_tensor: rgb_to_grayscale, adjust_brightness/contrast/saturation/hue) on
/// a batch N x C x H x W, with one factor per image (tensors N x 1 x 1 x 1 on the batch's device). The operations and
/// their order follow torchvision, so the results agree to float rounding.
/// </summary>
internal static class ColorOps
{
    /// <summary>ITU-R 601 luma 0.2989 R + 0.587 G + 0.114 B as N x 1 x H x W, in the batch's type (uint8 truncates, as torchvision's <c>.to(img.dtype)</c>).</summary>
    public static Tensor Luma(Tensor batch)
    {
        using var scope = NewDisposeScope();
        Tensor rgb = batch.is_floating_point() ? batch : batch.to(ScalarType.Float32);
        Tensor luma = (rgb.select(1, 0) * 0.2989) + (rgb.select(1, 1) * 0.587) + (rgb.select(1, 2) * 0.114);
        return luma.to(batch.dtype).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's <c>_blend</c>: <c>(ratio * x + (1 - ratio) * other).clamp(0, 1)</c> for float images.</summary>
    public static Tensor Blend(Tensor x, Tensor other, Tensor ratio)
    {
        using var scope = NewDisposeScope();
        Tensor blended = (ratio * x) + ((1.0 - ratio) * other);
        return blended.clamp_(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>adjust_brightness: a blend with black, i.e. <c>(factor * x).clamp(0, 1)</c>.</summary>
    public static Tensor Brightness(Tensor x, Tensor factor) => (factor * x).clamp_(0, 1);

    /// <summary>adjust_contrast: a blend with each image's mean luma (mean value for one channel).</summary>
    public static Tensor Contrast(Tensor x, Tensor factor)
    {
        using var scope = NewDisposeScope();
        Tensor source = x.shape[1] == 3 ? Luma(x) : x;
        Tensor mean = source.mean(new long[] { 1, 2, 3 }, keepdim: true);
        return Blend(x, mean, factor).MoveToOuterDisposeScope();
    }

    /// <summary>adjust_saturation: a blend with the image's luma; one-channel images are returned unchanged.</summary>
    public static Tensor Saturation(Tensor x, Tensor factor)
    {
        if (x.shape[1] != 3)
        {
            return x.alias();
        }

        using Tensor luma = Luma(x);
        return Blend(x, luma, factor);
    }

    /// <summary>
    /// adjust_hue: rotates the HSV hue by <c>shift</c> (N x 1 x 1 x 1, in [-0.5, 0.5]); one-channel images are returned
    /// unchanged. Same values as torchvision's <c>_rgb2hsv</c> / <c>_hsv2rgb</c> round trip (to float rounding), in fewer
    /// passes: with V = max, C = max - min and the hue in sixths h6, channel k (n = 5, 3, 1 for R, G, B) is
    /// <c>V - C clamp(min(t, 4 - t), 0, 1)</c> with <c>t = (n + h6) mod 6</c>, the closed form of the six-sector table.
    /// </summary>
    /// <remarks>
    /// Per-pixel choices are made with 0/1 float masks and products rather than <c>where</c>: LibTorch's CPU
    /// <c>where</c> branches per element and runs about 30 times slower on the unpredictable masks of natural images.
    /// </remarks>
    public static Tensor Hue(Tensor x, Tensor shift)
    {
        if (x.shape[1] != 3)
        {
            return x.alias();
        }

        using var scope = NewDisposeScope();
        ScalarType dtype = x.dtype;
        Tensor r = x.narrow(1, 0, 1), g = x.narrow(1, 1, 1), b = x.narrow(1, 2, 1);
        Tensor maxc = x.amax(new long[] { 1 }, keepdim: true);
        Tensor minc = x.amin(new long[] { 1 }, keepdim: true);
        Tensor chroma = maxc - minc;
        Tensor divisor = chroma + chroma.eq(0).to(dtype);
        Tensor maxIsR = maxc.eq(r);
        Tensor fromR = maxIsR.to(dtype);
        Tensor fromG = maxc.eq(g).logical_and_(maxIsR.logical_not_()).to(dtype);
        Tensor fromB = fromR.add(fromG).neg_().add_(1);
        Tensor sixths = (g - b).mul_(fromR)
            .add_((b - r).add_(divisor.mul(2)).mul_(fromG))
            .add_((r - g).add_(divisor.mul(4)).mul_(fromB))
            .div_(divisor)
            .add_(shift * 6);
        Tensor t = ChannelOffsets(dtype, x.device) + Modulo6(sixths);
        t = Modulo6(t);
        Tensor ramp = minimum(t, t.neg().add_(4)).clamp_(0, 1);
        return (maxc - chroma.mul(ramp)).MoveToOuterDisposeScope();
    }

    /// <summary><c>x - 6 floor(x / 6)</c>, in [0, 6).</summary>
    private static Tensor Modulo6(Tensor x) => x - x.div(6).floor_().mul_(6);

    /// <summary>The offsets n of the closed-form HSV to RGB conversion: 5 for R, 3 for G, 1 for B.</summary>
    private static Tensor ChannelOffsets(ScalarType dtype, Device device) =>
        arange(5, 0, -2, dtype, device).view(1, 3, 1, 1);
}
