using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Erases a random box of each image with probability <see cref="P"/>, as torchvision's <c>RandomErasing</c>: the box
/// area is a fraction of the image area uniform in <see cref="Scale"/>, its aspect ratio (height / width) log-uniform
/// in <see cref="Ratio"/>, sides round(sqrt(area * ratio)) and round(sqrt(area / ratio)); the first of ten tries whose
/// box is smaller than the image on both axes is placed uniformly, and an image whose ten tries all fail is left as it
/// is. The box is filled with <see cref="Value"/> (one value, or one per channel) or, when that is null, with standard
/// normal noise. Independent per image.
/// </summary>
internal sealed class RandomErasing : ImageTransform
{
    private const int Tries = 10;

    /// <summary>Creates the transform.</summary>
    /// <param name="p">The probability that an image is erased, in [0, 1].</param>
    /// <param name="scale">Range of the box area as a fraction of the image area, within [0, 1]; default (0.02, 0.33).</param>
    /// <param name="ratio">Range of the box aspect ratio, 0 &lt; min &lt;= max; default (0.3, 3.3).</param>
    /// <param name="value">The fill: one value or one per channel; null fills with standard normal noise (float images only).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the ranges above, or a fill value is not finite.</exception>
    public RandomErasing(double p, (double Min, double Max)? scale, (double Min, double Max)? ratio, IReadOnlyList<float>? value)
    {
        P = TransformArguments.Probability(p, nameof(p));
        Scale = scale ?? (0.02, 0.33);
        Ratio = ratio ?? (0.3, 3.3);
        if (!(Scale.Min >= 0 && Scale.Min <= Scale.Max && Scale.Max <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), Scale, $"scale must satisfy 0 <= min <= max <= 1; got {Scale}.");
        }

        if (!(Ratio.Min > 0 && Ratio.Min <= Ratio.Max && double.IsFinite(Ratio.Max)))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), Ratio, $"ratio must satisfy 0 < min <= max (finite); got {Ratio}.");
        }

        if (value is not null && (value.Count == 0 || value.Any(v => !float.IsFinite(v))))
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"value must hold one finite number or one per channel; got [{string.Join(", ", value)}].");
        }

        Value = value?.ToArray();
    }

    /// <summary>The probability that an image is erased.</summary>
    public double P { get; }

    /// <summary>Range of the box area as a fraction of the image area.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the box aspect ratio.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>The fill (one value or one per channel), or null for normal noise.</summary>
    public IReadOnlyList<float>? Value { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        if (Value is null)
        {
            TransformArguments.RequireFloatingPoint(input, "RandomErasing with random values");
        }
        else if (Value.Count != 1 && Value.Count != input.Channels)
        {
            throw new ArgumentException(
                $"RandomErasing's value has {Value.Count} entries; images of {input.Channels} channels take 1 or {input.Channels}.", "value");
        }

        return input;
    }

    /// <summary>
    /// Fills box (tops[n], lefts[n], heights[n], widths[n]) of image n where <paramref name="erase"/>[n] is true with
    /// <paramref name="values"/>: the transform with its random draws given (torchvision's <c>F.erase</c> per image).
    /// </summary>
    /// <param name="images">A batch N x C x H x W.</param>
    /// <param name="erase">bool N.</param>
    /// <param name="tops">int64 N.</param>
    /// <param name="lefts">int64 N.</param>
    /// <param name="heights">int64 N.</param>
    /// <param name="widths">int64 N.</param>
    /// <param name="values">The fill, broadcastable to N x C x H x W (its entries inside each box are used).</param>
    internal Tensor ApplyWith(Tensor images, Tensor erase, Tensor tops, Tensor lefts, Tensor heights, Tensor widths, Tensor values) =>
        RunOnBatch(images, batch => Erase(batch, erase, tops, lefts, heights, widths, values));

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        long n = batch.shape[0], c = batch.shape[1], h = batch.shape[2], w = batch.shape[3];
        Tensor erase = RandomDraws.Bernoulli(n, P, generator);
        Tensor fraction = RandomDraws.Uniform(n * Tries, Scale.Min, Scale.Max, generator).view(n, Tries);
        Tensor logRatio = RandomDraws.Uniform(n * Tries, Math.Log(Ratio.Min), Math.Log(Ratio.Max), generator).view(n, Tries);
        var (found, heights, widths) = BoxSizes(fraction, logRatio, h, w);
        Tensor tops = (rand(n, ScalarType.Float64, CPU, generator: generator) * (h - heights + 1)).floor_().to(ScalarType.Int64);
        Tensor lefts = (rand(n, ScalarType.Float64, CPU, generator: generator) * (w - widths + 1)).floor_().to(ScalarType.Int64);
        Tensor values = Value is null
            ? randn(new[] { n, c, h, w }, ScalarType.Float32, CPU, generator: generator)
            : tensor(Value.ToArray()).view(1, -1, 1, 1);
        return Erase(batch, erase.logical_and(found), minimum(tops, h - heights), minimum(lefts, w - widths), heights, widths, values);
    }

    /// <summary>
    /// The box sides of ten tries per image (float32 N x 10 area fractions and log aspect ratios): torchvision's
    /// h = round(sqrt(area * exp(logRatio))), w = round(sqrt(area / exp(logRatio))) with exp in float32 and the rest in
    /// float64, half to even; the first try with h &lt; H and w &lt; W, and whether there is one (int64 and bool N).
    /// </summary>
    internal static (Tensor Found, Tensor Heights, Tensor Widths) BoxSizes(Tensor fraction, Tensor logRatio, long height, long width)
    {
        Tensor area = fraction.to(ScalarType.Float64) * (double)(height * width);
        Tensor aspect = logRatio.to(ScalarType.Float32).exp().to(ScalarType.Float64);
        Tensor h = (area * aspect).sqrt_().round_().to(ScalarType.Int64);
        Tensor w = (area / aspect).sqrt_().round_().to(ScalarType.Int64);
        Tensor valid = h.lt(height).logical_and_(w.lt(width));
        Tensor first = valid.to(ScalarType.Int32).argmax(1, keepdim: true);
        Tensor found = valid.any(1);
        Tensor heights = where(found, h.gather(1, first).squeeze(1), 0L);
        Tensor widths = where(found, w.gather(1, first).squeeze(1), 0L);
        return (found, heights, widths);
    }

    private static Tensor Erase(Tensor batch, Tensor erase, Tensor tops, Tensor lefts, Tensor heights, Tensor widths, Tensor values)
    {
        long n = batch.shape[0];
        var perImage = new[] { (erase, nameof(erase)), (tops, nameof(tops)), (lefts, nameof(lefts)), (heights, nameof(heights)), (widths, nameof(widths)) };
        foreach ((Tensor t, string name) in perImage)
        {
            TransformArguments.RequirePerImage(t, n, name);
        }

        Device device = batch.device;
        Tensor Column(Tensor t) => t.to(ScalarType.Int64, device).view(n, 1, 1, 1);
        Tensor y = arange(batch.shape[2], ScalarType.Int64, device).view(1, 1, -1, 1);
        Tensor x = arange(batch.shape[3], ScalarType.Int64, device).view(1, 1, 1, -1);
        Tensor top = Column(tops), left = Column(lefts);
        Tensor inRows = y.ge(top).logical_and(y.lt(top + Column(heights)));
        Tensor inColumns = x.ge(left).logical_and(x.lt(left + Column(widths)));
        Tensor inBox = inRows.logical_and(inColumns).logical_and(erase.to(ScalarType.Bool, device).view(n, 1, 1, 1));
        return where(inBox, values.to(batch.dtype, device), batch);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"RandomErasing(p {P}, scale {Scale}, ratio {Ratio}, value {(Value is null ? "random" : "[" + string.Join(", ", Value) + "]")})";
}
