using System;
using System.Collections.Generic;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// A random box of random area and aspect ratio from each image, resized (bilinear) to a fixed size, as torchvision's
/// <c>RandomResizedCrop</c>: the area fraction is uniform in <see cref="Scale"/>, the log aspect ratio uniform in
/// log <see cref="Ratio"/>; up to ten tries per image, then torchvision's central fallback. Independent per image.
/// </summary>
/// <remarks>
/// Without antialiasing (torchvision 0.14's tensor default) the whole batch is resampled in one <c>grid_sample</c> whose
/// sampling points are exactly those of <c>interpolate(bilinear, align_corners=False)</c> on each box; with antialiasing
/// each image is resized on its own.
/// </remarks>
internal sealed class RandomResizedCrop : ImageTransform
{
    private const int Tries = 10;

    /// <summary>Creates the transform.</summary>
    /// <param name="size">The output size; an integer gives a square.</param>
    /// <param name="scale">Range of the box area as a fraction of the image area; default (0.08, 1).</param>
    /// <param name="ratio">Range of the box aspect ratio width / height; default (3/4, 4/3).</param>
    /// <param name="antialias">Low-pass filter when shrinking (per-image resize).</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1, or a range is not 0 &lt; min &lt;= max (finite).</exception>
    public RandomResizedCrop(ImageSize size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, bool antialias = false)
    {
        Size = size.Validated(nameof(size));
        Scale = ValidRange(scale ?? (0.08, 1.0), nameof(scale));
        Ratio = ValidRange(ratio ?? (3.0 / 4.0, 4.0 / 3.0), nameof(ratio));
        Antialias = antialias;
    }

    /// <summary>The output size.</summary>
    public ImageSize Size { get; }

    /// <summary>Range of the box area as a fraction of the image area.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the box aspect ratio (width / height).</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>Whether shrinking low-pass filters first.</summary>
    public bool Antialias { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input) => input.WithSize(Size.Height, Size.Width);

    /// <summary>
    /// Resizes the box (<paramref name="tops"/>[n], <paramref name="lefts"/>[n], <paramref name="heights"/>[n],
    /// <paramref name="widths"/>[n]) of image n to <see cref="Size"/>: the transform with its random boxes given
    /// (torchvision's <c>resized_crop(img, top, left, height, width, size)</c> per image).
    /// </summary>
    /// <param name="images">A batch N x C x H x W.</param>
    /// <param name="tops">int64 N.</param>
    /// <param name="lefts">int64 N.</param>
    /// <param name="heights">int64 N, each at least 1; the box must lie inside the image.</param>
    /// <param name="widths">int64 N, each at least 1.</param>
    internal Tensor ApplyWith(Tensor images, Tensor tops, Tensor lefts, Tensor heights, Tensor widths) =>
        RunOnBatch(images, batch =>
        {
            long n = batch.shape[0];
            foreach ((Tensor t, string name) in new[] { (tops, nameof(tops)), (lefts, nameof(lefts)), (heights, nameof(heights)), (widths, nameof(widths)) })
            {
                TransformArguments.RequirePerImage(t, n, name);
            }

            long height = batch.shape[2], width = batch.shape[3];
            TransformArguments.RequireRange(heights, 1, height, nameof(heights));
            TransformArguments.RequireRange(widths, 1, width, nameof(widths));
            TransformArguments.RequireRange(tops, 0, height - 1, nameof(tops));
            TransformArguments.RequireRange(lefts, 0, width - 1, nameof(lefts));
            TransformArguments.RequireRange(tops + heights, 1, height, "tops + heights");
            TransformArguments.RequireRange(lefts + widths, 1, width, "lefts + widths");

            return Antialias ? ResizeEachBox(batch, tops, lefts, heights, widths) : SampleBoxes(batch, tops, lefts, heights, widths);
        });

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        (Tensor tops, Tensor lefts, Tensor heights, Tensor widths) = DrawBoxes(batch.shape[0], batch.shape[2], batch.shape[3], generator);
        return Antialias ? ResizeEachBox(batch, tops, lefts, heights, widths) : SampleBoxes(batch, tops, lefts, heights, widths);
    }

    /// <summary>torchvision's <c>get_params</c> for <paramref name="count"/> images at once: int64 CPU tensors top, left, height, width.</summary>
    internal (Tensor Tops, Tensor Lefts, Tensor Heights, Tensor Widths) DrawBoxes(long count, long height, long width, Generator generator)
    {
        double area = height * width;
        Tensor fraction = RandomDraws.Uniform(count * Tries, Scale.Min, Scale.Max, generator).view(count, Tries).to(ScalarType.Float64);
        Tensor logRatio = RandomDraws.Uniform(count * Tries, Math.Log(Ratio.Min), Math.Log(Ratio.Max), generator).view(count, Tries).to(ScalarType.Float64);
        Tensor targetArea = fraction * area;
        Tensor aspect = logRatio.exp();
        Tensor w = (targetArea * aspect).sqrt_().round_().to(ScalarType.Int64);
        Tensor h = (targetArea / aspect).sqrt_().round_().to(ScalarType.Int64);
        Tensor valid = w.gt(0).logical_and_(w.le(width)).logical_and_(h.gt(0)).logical_and_(h.le(height));
        Tensor first = valid.to(ScalarType.Int32).argmax(1, keepdim: true);
        Tensor found = valid.any(1);
        (long fallbackHeight, long fallbackWidth) = FallbackBox(height, width);
        Tensor heights = where(found, h.gather(1, first).squeeze(1), fallbackHeight);
        Tensor widths = where(found, w.gather(1, first).squeeze(1), fallbackWidth);
        Tensor topPosition = rand(count, ScalarType.Float64, CPU, generator: generator);
        Tensor leftPosition = rand(count, ScalarType.Float64, CPU, generator: generator);
        Tensor tops = where(found, (topPosition * (height - heights + 1)).floor_().to(ScalarType.Int64), (height - heights).div(2, rounding_mode: RoundingMode.floor));
        Tensor lefts = where(found, (leftPosition * (width - widths + 1)).floor_().to(ScalarType.Int64), (width - widths).div(2, rounding_mode: RoundingMode.floor));
        tops = minimum(tops, height - heights);
        lefts = minimum(lefts, width - widths);
        return (tops, lefts, heights, widths);
    }

    /// <summary>torchvision's fallback box when ten tries fail: the whole image, trimmed to the nearest allowed aspect ratio.</summary>
    private (long Height, long Width) FallbackBox(long height, long width)
    {
        double inRatio = (double)width / height;
        if (inRatio < Ratio.Min)
        {
            return ((long)Math.Round(width / Ratio.Min, MidpointRounding.ToEven), width);
        }

        if (inRatio > Ratio.Max)
        {
            return (height, (long)Math.Round(height * Ratio.Max, MidpointRounding.ToEven));
        }

        return (height, width);
    }

    /// <summary>All boxes resampled in one grid_sample, at the sampling points of bilinear interpolate (align_corners=False).</summary>
    private Tensor SampleBoxes(Tensor batch, Tensor tops, Tensor lefts, Tensor heights, Tensor widths)
    {
        long n = batch.shape[0];
        ScalarType dtype = batch.dtype;
        Tensor input = dtype is ScalarType.Float32 or ScalarType.Float64 ? batch : batch.to(ScalarType.Float32);
        Tensor ys = SourceCoordinates(tops, heights, Size.Height, batch.shape[2]);
        Tensor xs = SourceCoordinates(lefts, widths, Size.Width, batch.shape[3]);
        Tensor grid = stack(new[] { xs.view(n, 1, Size.Width).expand(n, Size.Height, Size.Width), ys.view(n, Size.Height, 1).expand(n, Size.Height, Size.Width) }, 3)
            .to(input.dtype, input.device);
        Tensor sampled = nn.functional.grid_sample(input, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        return ReferenceEquals(input, batch) ? sampled : Resize.ToDType(sampled, dtype);
    }

    /// <summary>
    /// Normalised grid_sample coordinates (align_corners=False) of the output positions along one axis: PyTorch's
    /// bilinear source index <c>(o + 0.5) * in / out - 0.5</c>, clamped to the box, offset by the box start.
    /// </summary>
    private static Tensor SourceCoordinates(Tensor starts, Tensor lengths, long outputLength, long imageLength)
    {
        long n = starts.shape[0];
        Tensor start = starts.to(ScalarType.Float64, CPU).view(n, 1);
        Tensor length = lengths.to(ScalarType.Float64, CPU).view(n, 1);
        Tensor o = arange(outputLength, dtype: ScalarType.Float64).view(1, outputLength);
        Tensor inBox = (((o + 0.5) * length / outputLength) - 0.5).clamp_min_(0);
        inBox = minimum(inBox, length - 1);
        Tensor absolute = start + inBox;
        return ((absolute * 2) + 1).div_(imageLength).sub_(1);
    }

    /// <summary>Each box cropped and resized on its own (used with antialiasing).</summary>
    private Tensor ResizeEachBox(Tensor batch, Tensor tops, Tensor lefts, Tensor heights, Tensor widths)
    {
        long[] top = tops.to(ScalarType.Int64, CPU).data<long>().ToArray();
        long[] left = lefts.to(ScalarType.Int64, CPU).data<long>().ToArray();
        long[] height = heights.to(ScalarType.Int64, CPU).data<long>().ToArray();
        long[] width = widths.to(ScalarType.Int64, CPU).data<long>().ToArray();
        var resized = new List<Tensor>(top.Length);
        for (int i = 0; i < top.Length; i++)
        {
            Tensor box = batch.narrow(0, i, 1).narrow(2, top[i], height[i]).narrow(3, left[i], width[i]);
            resized.Add(Resize.Bilinear(box, Size.Height, Size.Width, Antialias));
        }

        return cat(resized, 0);
    }

    private static (double Min, double Max) ValidRange((double Min, double Max) range, string name)
    {
        if (!(range.Min > 0) || !(range.Max >= range.Min) || !double.IsFinite(range.Max))
        {
            throw new ArgumentOutOfRangeException(name, range, $"{name} must satisfy 0 < min <= max (finite); got {range}.");
        }

        return range;
    }

    /// <inheritdoc />
    public override string ToString() => $"RandomResizedCrop({Size}, scale {Scale}, ratio {Ratio}, antialias {Antialias})";
}
