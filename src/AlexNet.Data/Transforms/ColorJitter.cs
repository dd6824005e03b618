using System;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Random brightness, contrast, saturation and hue, with torchvision's <c>ColorJitter</c> semantics, drawn independently
/// for every image: factors uniform in [max(0, 1 - x), 1 + x] for brightness, contrast and saturation, a hue shift
/// uniform in [-h, h], and the four adjustments applied in a random order (torchvision's <c>randperm(4)</c>) per image.
/// Works on floating-point images in [0, 1] (put <see cref="ToFloat"/> first).
/// </summary>
/// <remarks>
/// On the CPU (float32) a fused kernel takes each image through its four steps in one cache-resident pass; on other
/// devices, for every position of the order and every adjustment, the images whose order has that adjustment at that
/// position are gathered, adjusted with tensor operations and scattered back. Both give torchvision's values to float
/// rounding.
/// </remarks>
internal sealed class ColorJitter : ImageTransform
{
    /// <summary>Order code of brightness in <see cref="ApplyWith"/>'s <c>order</c> (as torchvision's <c>fn_idx</c>).</summary>
    internal const int BrightnessStep = 0;

    /// <summary>Order code of contrast.</summary>
    internal const int ContrastStep = 1;

    /// <summary>Order code of saturation.</summary>
    internal const int SaturationStep = 2;

    /// <summary>Order code of hue.</summary>
    internal const int HueStep = 3;

    /// <summary>Creates the transform; an argument of 0 turns that adjustment off.</summary>
    /// <param name="brightness">Brightness factor drawn from [max(0, 1 - brightness), 1 + brightness]; non-negative.</param>
    /// <param name="contrast">Contrast factor drawn from [max(0, 1 - contrast), 1 + contrast]; non-negative.</param>
    /// <param name="saturation">Saturation factor drawn from [max(0, 1 - saturation), 1 + saturation]; non-negative.</param>
    /// <param name="hue">Hue shift drawn from [-hue, hue]; in [0, 0.5].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite, or <paramref name="hue"/> exceeds 0.5.</exception>
    public ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0, double hue = 0)
    {
        Brightness = FactorRange(brightness, nameof(brightness));
        Contrast = FactorRange(contrast, nameof(contrast));
        Saturation = FactorRange(saturation, nameof(saturation));
        if (!(hue >= 0 && hue <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(hue), hue, $"hue must lie in [0, 0.5]; got {hue}.");
        }

        Hue = hue == 0 ? null : (-hue, hue);
    }

    /// <summary>Range of the brightness factor, or null when off.</summary>
    public (double Min, double Max)? Brightness { get; }

    /// <summary>Range of the contrast factor, or null when off.</summary>
    public (double Min, double Max)? Contrast { get; }

    /// <summary>Range of the saturation factor, or null when off.</summary>
    public (double Min, double Max)? Saturation { get; }

    /// <summary>Range of the hue shift, or null when off.</summary>
    public (double Min, double Max)? Hue { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        TransformArguments.RequireFloatingPoint(input, nameof(ColorJitter));
        TransformArguments.RequireChannels(input, nameof(ColorJitter), 1, 3);
        return input;
    }

    /// <summary>
    /// Applies the adjustments with given parameters: image n goes through the steps <paramref name="order"/>[n, 0..3]
    /// (codes <see cref="BrightnessStep"/> .. <see cref="HueStep"/>) with its own factors; a null factor tensor skips
    /// that step for every image (torchvision's <c>None</c>).
    /// </summary>
    /// <param name="images">A float batch N x C x H x W, C = 1 or 3.</param>
    /// <param name="order">int64 N x 4, each row a permutation of 0..3.</param>
    /// <param name="brightness">float N, or null.</param>
    /// <param name="contrast">float N, or null.</param>
    /// <param name="saturation">float N, or null.</param>
    /// <param name="hue">float N, or null.</param>
    internal Tensor ApplyWith(Tensor images, Tensor order, Tensor? brightness, Tensor? contrast, Tensor? saturation, Tensor? hue) =>
        RunOnBatch(images, batch =>
        {
            long n = batch.shape[0];
            TransformArguments.RequirePerImage(order, n, nameof(order), 4);
            Tensor steps = order.to(ScalarType.Int64, CPU);
            if (n > 0 && !steps.sort(1).Values.eq(arange(4, dtype: ScalarType.Int64)).all().item<bool>())
            {
                throw new ArgumentException("order must hold one permutation of the step codes 0..3 per image.", nameof(order));
            }

            Tensor?[] factors = { brightness, contrast, saturation, hue };
            string[] names = { nameof(brightness), nameof(contrast), nameof(saturation), nameof(hue) };
            for (int step = 0; step < factors.Length; step++)
            {
                if (factors[step] is Tensor factor)
                {
                    TransformArguments.RequirePerImage(factor, n, names[step]);
                    factors[step] = factor.to(ScalarType.Float32, CPU);
                }
            }

            return Jitter(batch, steps, factors);
        });

    /// <summary>Whether float32 CPU batches use the fused kernel (tests turn it off to check the tensor path).</summary>
    internal bool UseCpuKernel { get; set; } = true;

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        long n = batch.shape[0];
        Tensor order = RandomDraws.Permutations(n, 4, generator);
        Tensor?[] factors = new Tensor?[4];
        (double Min, double Max)?[] ranges = { Brightness, Contrast, Saturation, Hue };
        for (int step = 0; step < ranges.Length; step++)
        {
            if (ranges[step] is (double min, double max))
            {
                factors[step] = RandomDraws.Uniform(n, min, max, generator);
            }
        }

        return Jitter(batch, order, factors);
    }

    /// <summary>The adjustments in per-image order; <paramref name="order"/> and <paramref name="factors"/> are CPU tensors.</summary>
    private Tensor Jitter(Tensor batch, Tensor order, Tensor?[] factors)
    {
        if (UseCpuKernel && ColorJitterCpuKernel.Supports(batch))
        {
            float[]?[] values = factors.Select(f => f?.to(ScalarType.Float32).data<float>().ToArray()).ToArray();
            return ColorJitterCpuKernel.Apply(batch, order.contiguous().data<long>().ToArray(), values);
        }

        return JitterWithTensorOps(batch, order, factors);
    }

    private static Tensor JitterWithTensorOps(Tensor batch, Tensor order, Tensor?[] factors)
    {
        long n = batch.shape[0];
        Tensor result = batch.clone();
        for (int position = 0; position < 4; position++)
        {
            Tensor stepAtPosition = order.select(1, position);
            for (int step = 0; step < 4; step++)
            {
                if (factors[step] is not Tensor factor)
                {
                    continue;
                }

                Tensor rows = stepAtPosition.eq(step).nonzero().flatten();
                long count = rows.shape[0];
                if (count == 0)
                {
                    continue;
                }

                Tensor f = factor.index_select(0, rows).to(batch.dtype, batch.device).view(count, 1, 1, 1);
                if (count == n)
                {
                    result = Adjust(step, result, f);
                    continue;
                }

                Tensor rowsOnDevice = rows.to(batch.device);
                Tensor adjusted = Adjust(step, result.index_select(0, rowsOnDevice), f);
                result.index_copy_(0, rowsOnDevice, adjusted);
            }
        }

        return result;
    }

    private static Tensor Adjust(int step, Tensor x, Tensor factor) => step switch
    {
        BrightnessStep => ColorOps.Brightness(x, factor),
        ContrastStep => ColorOps.Contrast(x, factor),
        SaturationStep => ColorOps.Saturation(x, factor),
        _ => ColorOps.Hue(x, factor),
    };

    private static (double Min, double Max)? FactorRange(double value, string name)
    {
        TransformArguments.NonNegativeFinite(value, name);
        return value == 0 ? null : (Math.Max(0, 1 - value), 1 + value);
    }

    /// <inheritdoc />
    public override string ToString() => $"ColorJitter(brightness {Brightness}, contrast {Contrast}, saturation {Saturation}, hue {Hue})";
}
