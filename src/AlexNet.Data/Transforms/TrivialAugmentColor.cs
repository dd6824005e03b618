using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The colour operations of TrivialAugmentWide on uint8 batches N x C x H x W, as torchvision 0.14's
/// <c>functional_tensor</c> computes them on uint8 tensors (blends in float32, clamped to [0, 255] and truncated back to
/// uint8). Factors and thresholds are per image, as float32 tensors N x 1 x 1 x 1 on the batch's device.
/// </summary>
internal static class TrivialAugmentColor
{
    /// <summary><c>_blend</c>: (ratio * x + (1 - ratio) * other).clamp(0, 255) as uint8, where <paramref name="rest"/> is 1 - ratio.</summary>
    public static Tensor Blend(Tensor x, Tensor other, Tensor ratio, Tensor rest)
    {
        Tensor first = ratio * x.to(ScalarType.Float32);
        Tensor second = rest * other.to(ScalarType.Float32);
        return (first + second).clamp_(0, 255).to(ScalarType.Byte);
    }

    /// <summary><c>adjust_brightness</c>: a blend with black.</summary>
    public static Tensor Brightness(Tensor x, Tensor ratio, Tensor rest) => Blend(x, zeros_like(x), ratio, rest);

    /// <summary><c>adjust_saturation</c>: a blend with the luma (truncated to uint8); one-channel images unchanged.</summary>
    public static Tensor Saturation(Tensor x, Tensor ratio, Tensor rest) =>
        x.shape[1] == 3 ? Blend(x, ColorOps.Luma(x), ratio, rest) : x;

    /// <summary><c>adjust_contrast</c>: a blend with the mean of the (uint8) luma, or of the image for one channel.</summary>
    public static Tensor Contrast(Tensor x, Tensor ratio, Tensor rest)
    {
        Tensor gray = x.shape[1] == 3 ? ColorOps.Luma(x) : x;
        Tensor mean = gray.to(ScalarType.Float32).mean(new long[] { 1, 2, 3 }, keepdim: true);
        return Blend(x, mean, ratio, rest);
    }

    /// <summary>
    /// <c>adjust_sharpness</c>: a blend with the image whose inner pixels are smoothed by the 3 x 3 kernel
    /// [1 1 1; 1 5 1; 1 1 1] / 13 (rounded to uint8); images of 2 pixels or less on a side are unchanged.
    /// </summary>
    public static Tensor Sharpness(Tensor x, Tensor ratio, Tensor rest)
    {
        long c = x.shape[1], h = x.shape[2], w = x.shape[3];
        if (h <= 2 || w <= 2)
        {
            return x;
        }

        Tensor kernel = ones(new long[] { 3, 3 }, ScalarType.Float32, x.device);
        kernel[1, 1] = tensor(5.0f);
        kernel = kernel.div(kernel.sum()).expand(c, 1, 3, 3);
        Tensor smoothed = nn.functional.conv2d(x.to(ScalarType.Float32), kernel, groups: c).round_().to(ScalarType.Byte);
        Tensor degenerate = x.clone();
        degenerate[TensorIndex.Ellipsis, TensorIndex.Slice(1, -1), TensorIndex.Slice(1, -1)] = smoothed;
        return Blend(x, degenerate, ratio, rest);
    }

    /// <summary><c>posterize</c>: keeps the top bits, x AND mask (per-image uint8 masks N x 1 x 1 x 1).</summary>
    public static Tensor Posterize(Tensor x, Tensor masks) => x.bitwise_and(masks);

    /// <summary><c>solarize</c>: 255 - x where x &gt;= threshold (compared in float32).</summary>
    public static Tensor Solarize(Tensor x, Tensor thresholds) =>
        where(x.to(ScalarType.Float32).ge(thresholds), x.bitwise_not(), x);

    /// <summary><c>autocontrast</c>: each channel stretched from [min, max] to [0, 255]; constant channels unchanged.</summary>
    public static Tensor AutoContrast(Tensor x)
    {
        Tensor minimum = x.amin(new long[] { -2, -1 }, keepdim: true).to(ScalarType.Float32);
        Tensor maximum = x.amax(new long[] { -2, -1 }, keepdim: true).to(ScalarType.Float32);
        Tensor scale = full_like(minimum, 255.0).div_(maximum.sub(minimum));
        Tensor constant = scale.isfinite().logical_not_();
        minimum = minimum.masked_fill(constant, 0);
        scale = scale.masked_fill(constant, 1);
        return x.to(ScalarType.Float32).sub(minimum).mul_(scale).clamp_(0, 255).to(ScalarType.Byte);
    }

    /// <summary>
    /// <c>equalize</c>: per channel, the look-up table (cumulative histogram + step / 2) / step shifted by one bin,
    /// step = (pixels - count of the largest value) / 255 (integer divisions); channels with step 0 unchanged.
    /// </summary>
    public static Tensor Equalize(Tensor x)
    {
        long n = x.shape[0], c = x.shape[1], pixels = x.shape[2] * x.shape[3];
        Tensor flat = x.reshape(n * c, pixels).to(ScalarType.Int64);
        Tensor histogram = zeros(new[] { n * c, 256L }, ScalarType.Int64, x.device).scatter_add_(1, flat, ones_like(flat));
        Tensor largest = flat.amax(new long[] { 1 }, keepdim: true);
        Tensor step = (pixels - histogram.gather(1, largest)).div(255, rounding_mode: RoundingMode.floor);
        Tensor safeStep = step.clamp_min(1);
        Tensor lut = histogram.cumsum(1).add(step.div(2, rounding_mode: RoundingMode.floor)).div(safeStep, rounding_mode: RoundingMode.floor);
        lut = nn.functional.pad(lut, new long[] { 1, 0 }).narrow(1, 0, 256).clamp_(0, 255);
        Tensor equalized = lut.gather(1, flat);
        return where(step.eq(0), flat, equalized).to(ScalarType.Byte).view(n, c, x.shape[2], x.shape[3]);
    }
}
