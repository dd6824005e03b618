using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Per-channel mean and standard deviation of a uint8 image set on the [0, 1] scale (pixel / 255): the
/// normalisation statistics the training pipelines use. Exact: each channel's 256-bin histogram gives integer sums of
/// the values and their squares, from which mean and (population) standard deviation are computed without rounding
/// error beyond the final float64 division and square root.
/// </summary>
public sealed class ChannelStats
{
    private ChannelStats(double[] mean, double[] std, long pixelsPerChannel)
    {
        Mean = mean;
        Std = std;
        PixelsPerChannel = pixelsPerChannel;
    }

    /// <summary>Mean of each channel over all images and pixels, on the [0, 1] scale.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Population standard deviation (divisor N) of each channel, on the [0, 1] scale.</summary>
    public IReadOnlyList<double> Std { get; }

    /// <summary>Number of values per channel (images x height x width).</summary>
    internal long PixelsPerChannel { get; }

    /// <summary>The statistics of <paramref name="dataset"/>'s images.</summary>
    public static ChannelStats Compute(ImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Compute(dataset.Images);
    }

    /// <summary>The statistics of a uint8 image tensor N x C x H x W (on any device).</summary>
    /// <exception cref="ArgumentException">The tensor is not uint8 N x C x H x W, or holds no pixels.</exception>
    public static ChannelStats Compute(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
        {
            throw new ArgumentException($"images must be a uint8 tensor N x C x H x W; got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        }

        long channels = images.shape[1];
        long pixels = images.shape[0] * images.shape[2] * images.shape[3];
        if (pixels == 0)
        {
            throw new ArgumentException($"images must hold at least one pixel per channel; got shape [{string.Join(", ", images.shape)}].", nameof(images));
        }

        var mean = new double[channels];
        var std = new double[channels];
        for (long c = 0; c < channels; c++)
        {
            using var scope = NewDisposeScope();
            long[] histogram = images.select(1, c).flatten().bincount(null, minlength: 256).cpu().data<long>().ToArray();
            (mean[c], std[c]) = MeanAndStd(histogram, pixels);
        }

        return new ChannelStats(mean, std, pixels);
    }

    /// <summary>Mean and population standard deviation on the [0, 1] scale from a 256-bin histogram, with exact integer sums.</summary>
    private static (double Mean, double Std) MeanAndStd(long[] histogram, long count)
    {
        Int128 sum = 0;
        Int128 sumOfSquares = 0;
        for (int value = 0; value < histogram.Length; value++)
        {
            sum += (Int128)value * histogram[value];
            sumOfSquares += (Int128)value * value * histogram[value];
        }

        // Variance * count^2 = count * sum(x^2) - sum(x)^2, exact in integers.
        Int128 scaledVariance = (count * sumOfSquares) - (sum * sum);
        double mean = (double)sum / count / 255.0;
        double std = Math.Sqrt((double)scaledVariance) / count / 255.0;
        return (mean, std);
    }
}
