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

    /// <summary>adjust_hue: rotates the HSV hue by <c>shift</c> (N x 1 x 1 x 1, in [-0.5, 0.5]); one-channel images are returned unchanged.</summary>
    public static Tensor Hue(Tensor x, Tensor shift)
    {
        if (x.shape[1] != 3)
        {
            return x.alias();
        }

        using var scope = NewDisposeScope();
        (Tensor h, Tensor s, Tensor v) = RgbToHsv(x);
        h = (h + shift.squeeze(1)).remainder_(1.0);
        return HsvToRgb(h, s, v).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's <c>_rgb2hsv</c>: hue, saturation, value planes N x H x W.</summary>
    private static (Tensor H, Tensor S, Tensor V) RgbToHsv(Tensor x)
    {
        Tensor r = x.select(1, 0), g = x.select(1, 1), b = x.select(1, 2);
        Tensor maxc = x.amax(new long[] { 1 });
        Tensor minc = x.amin(new long[] { 1 });
        Tensor eqc = maxc.eq(minc);
        Tensor cr = maxc - minc;
        Tensor ones = ones_like(maxc);
        Tensor s = cr / where(eqc, ones, maxc);
        Tensor crDivisor = where(eqc, ones, cr);
        Tensor rc = (maxc - r) / crDivisor;
        Tensor gc = (maxc - g) / crDivisor;
        Tensor bc = (maxc - b) / crDivisor;
        Tensor maxIsR = maxc.eq(r);
        Tensor maxIsG = maxc.eq(g);
        Tensor hr = maxIsR * (bc - gc);
        Tensor hg = (maxIsG & maxIsR.logical_not()) * ((2.0 + rc) - bc);
        Tensor hb = (maxIsG.logical_not() & maxIsR.logical_not()) * ((4.0 + gc) - rc);
        Tensor h = (hr + hg) + hb;
        h = ((h / 6.0) + 1.0).fmod_(1.0);
        return (h, s, maxc);
    }

    /// <summary>
    /// torchvision's <c>_hsv2rgb</c>: per pixel, sector i = floor(6h) mod 6 picks each of R, G, B from {v, q, p, t};
    /// done here as one gather instead of torchvision's one-hot einsum (same values: the einsum adds exact zeros).
    /// </summary>
    private static Tensor HsvToRgb(Tensor h, Tensor s, Tensor v)
    {
        Tensor i = (h * 6.0).floor_();
        Tensor f = (h * 6.0) - i;
        Tensor p = (v * (1.0 - s)).clamp_(0.0, 1.0);
        Tensor q = (v * (1.0 - (s * f))).clamp_(0.0, 1.0);
        Tensor t = (v * (1.0 - (s * (1.0 - f)))).clamp_(0.0, 1.0);
        Tensor sector = i.to(ScalarType.Int64).remainder_(6);
        Tensor candidates = stack(new[] { v, q, p, t }, 1);
        Tensor table = SectorTable(h.device);
        long n = h.shape[0], height = h.shape[1], width = h.shape[2];
        Tensor index = table.index_select(0, sector.flatten()).view(n, height, width, 3).permute(0, 3, 1, 2);
        return candidates.gather(1, index);
    }

    /// <summary>
    /// For each hue sector 0..5, which of (v, q, p, t) = (0, 1, 2, 3) becomes R, G and B:
    /// R = (v, q, p, p, t, v), G = (t, v, v, q, p, p), B = (p, p, t, v, v, q).
    /// </summary>
    private static Tensor SectorTable(Device device) => tensor(
        new long[]
        {
            0, 3, 2,
            1, 0, 2,
            2, 0, 3,
            2, 1, 0,
            3, 2, 0,
            0, 2, 1,
        },
        new long[] { 6, 3 },
        device: device);
}
