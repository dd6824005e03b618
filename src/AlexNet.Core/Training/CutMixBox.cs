using System;

namespace AlexNet.Core.Training;

/// <summary>
/// The box CutMix pastes from the partner image, rows [<see cref="Top"/>, <see cref="Bottom"/>) and columns
/// [<see cref="Left"/>, <see cref="Right"/>), with timm's two rules for placing it (<c>rand_bbox</c>,
/// <c>rand_bbox_minmax</c>) and its area-corrected weight (<c>cutmix_bbox_and_lam</c>).
/// </summary>
internal readonly record struct CutMixBox(long Top, long Bottom, long Left, long Right)
{
    /// <summary>
    /// timm's <c>rand_bbox</c> (no margin) with its centre given: sides int(H * sqrt(1 - lambda)) and
    /// int(W * sqrt(1 - lambda)), the box spanning centre -/+ side / 2 (integer halves) clipped to the image.
    /// </summary>
    public static CutMixBox Centered(long height, long width, double lambda, long centerY, long centerX)
    {
        double ratio = Math.Sqrt(1 - lambda);
        long cutH = (long)(height * ratio);
        long cutW = (long)(width * ratio);
        return new CutMixBox(
            Math.Clamp(centerY - (cutH / 2), 0, height),
            Math.Clamp(centerY + (cutH / 2), 0, height),
            Math.Clamp(centerX - (cutW / 2), 0, width),
            Math.Clamp(centerX + (cutW / 2), 0, width));
    }

    /// <summary>timm's <c>rand_bbox_minmax</c> with its draws given: a box of <paramref name="cutH"/> x <paramref name="cutW"/> at (top, left).</summary>
    public static CutMixBox MinMax(long cutH, long cutW, long top, long left) => new(top, top + cutH, left, left + cutW);

    /// <summary>The range [low, high) of a min/max box side on an axis of <paramref name="length"/>: int(length * ratio) each.</summary>
    public static (long Low, long High) SideRange(long length, double minRatio, double maxRatio) =>
        ((long)(length * minRatio), (long)(length * maxRatio));

    /// <summary>An empty box.</summary>
    public static CutMixBox None => default;

    /// <summary>1 - box area / image area: the weight of the image's own pixels (timm's corrected <c>lam</c>).</summary>
    public double CorrectedLambda(long height, long width) =>
        1.0 - ((double)((Bottom - Top) * (Right - Left)) / (double)(height * width));
}
