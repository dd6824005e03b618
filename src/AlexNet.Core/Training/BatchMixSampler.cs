using System;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Draws the mixing of <c>count</c> groups (the batch, its pairs or its images) from a CPU generator, with timm's
/// <c>Mixup._params_per_batch</c> / <c>_params_per_elem</c> rules followed by <c>cutmix_bbox_and_lam</c>. Every group
/// consumes the same draws whatever it turns out to be, so the stream depends only on the count and the options.
/// </summary>
internal static class BatchMixSampler
{
    /// <summary>Draws <paramref name="count"/> groups for images of <paramref name="height"/> x <paramref name="width"/>.</summary>
    /// <exception cref="ArgumentException">A min/max box has no possible side length on these images.</exception>
    public static BatchMixDraw[] Draw(BatchMixingOptions options, int count, long height, long width, Generator generator)
    {
        using var scope = NewDisposeScope();
        double[] apply = Uniform(count, generator);
        double[] choice = Uniform(count, generator);
        double[] cutMixLambda = Beta(options.EffectiveCutMixAlpha, count, generator);
        double[] mixupLambda = Beta(options.MixupAlpha, count, generator);
        double[] boxDraws = Uniform(count * 4, generator);
        var draws = new BatchMixDraw[count];
        for (int i = 0; i < count; i++)
        {
            bool cutMix = options.MixupAlpha > 0 && options.EffectiveCutMixAlpha > 0
                ? choice[i] < options.SwitchProbability
                : options.MixupAlpha <= 0;
            double lambda = cutMix ? cutMixLambda[i] : mixupLambda[i];
            if (options.Mode != BatchMixingMode.Batch)
            {
                lambda = (float)lambda; // timm keeps per-pair and per-image weights in a float32 array
            }

            if (!(apply[i] < options.Probability) || lambda == 1.0)
            {
                draws[i] = BatchMixDraw.None;
            }
            else
            {
                draws[i] = cutMix
                    ? PlaceBox(options, lambda, height, width, boxDraws.AsSpan(i * 4, 4))
                    : BatchMixDraw.Mixup(lambda);
            }
        }

        return draws;
    }

    /// <summary>A CutMix draw from its weight and four uniform numbers (centre, or side lengths and corner).</summary>
    public static BatchMixDraw PlaceBox(BatchMixingOptions options, double lambda, long height, long width, ReadOnlySpan<double> u)
    {
        CutMixBox box;
        if (options.UsesMinMaxBox)
        {
            var (hLow, hHigh) = CutMixBox.SideRange(height, options.CutMixMinRatio, options.CutMixMaxRatio);
            var (wLow, wHigh) = CutMixBox.SideRange(width, options.CutMixMinRatio, options.CutMixMaxRatio);
            if (hHigh <= hLow || wHigh <= wLow)
            {
                throw new ArgumentException(
                    $"TrainerOptions.Mixing.CutMixMinRatio {options.CutMixMinRatio} and CutMixMaxRatio {options.CutMixMaxRatio} allow no box side on " +
                    $"{height} x {width} images (int(side * min) must be below int(side * max)); widen the range.", nameof(options));
            }

            long cutH = hLow + Below(u[0], hHigh - hLow);
            long cutW = wLow + Below(u[1], wHigh - wLow);
            box = CutMixBox.MinMax(cutH, cutW, Below(u[2], height - cutH), Below(u[3], width - cutW));
        }
        else
        {
            box = CutMixBox.Centered(height, width, lambda, Below(u[0], height), Below(u[1], width));
        }

        bool correct = options.CorrectLambda || options.UsesMinMaxBox;
        return new BatchMixDraw(correct ? box.CorrectedLambda(height, width) : lambda, true, box);
    }

    /// <summary>floor(u * n), an integer uniform in [0, n) for u uniform in [0, 1).</summary>
    private static long Below(double u, long n) => Math.Min((long)Math.Floor(u * n), n - 1);

    private static double[] Uniform(int count, Generator generator)
    {
        Tensor u = rand(new long[] { count }, ScalarType.Float64, CPU, generator: generator);
        return u.data<double>().ToArray();
    }

    /// <summary>Beta(alpha, alpha) as X / (X + Y) of two Gamma(alpha) draws (0.5 where both underflow); zeros when alpha is 0.</summary>
    private static double[] Beta(double alpha, int count, Generator generator)
    {
        if (alpha <= 0)
        {
            return new double[count];
        }

        Tensor concentration = full(new long[] { 2, count }, alpha, ScalarType.Float64, CPU);
        double[] gamma = _standard_gamma(concentration, generator).data<double>().ToArray();
        var beta = new double[count];
        for (int i = 0; i < count; i++)
        {
            double sum = gamma[i] + gamma[count + i];
            beta[i] = sum > 0 ? gamma[i] / sum : 0.5;
        }

        return beta;
    }
}
