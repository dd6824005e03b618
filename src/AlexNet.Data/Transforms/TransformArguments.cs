using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>Argument checks shared by the transforms; every failure names the argument and the value given.</summary>
internal static class TransformArguments
{
    public static void RequireCpuGenerator(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator.device.type != DeviceType.CPU)
        {
            throw new ArgumentException($"Transforms draw their random parameters from a CPU generator (so that a seed gives the same batch on every device); got a {generator.device.type} generator.", nameof(generator));
        }
    }

    public static double Probability(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(name, p, $"{name} is a probability and must lie in [0, 1]; got {p}.");
        }

        return p;
    }

    public static int Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1; got {value}.");
        }

        return value;
    }

    public static double NonNegativeFinite(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number; got {value}.");
        }

        return value;
    }

    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number; got {value}.");
        }

        return value;
    }

    public static void RequireFloatingPoint(ImageSpec input, string transform)
    {
        if (!input.IsFloatingPoint)
        {
            throw new ArgumentException($"{transform} works on floating-point images (put ToFloat before it); got {input}.", "images");
        }
    }

    public static void RequireChannels(ImageSpec input, string transform, params long[] accepted)
    {
        if (!accepted.Contains(input.Channels))
        {
            throw new ArgumentException($"{transform} accepts images with {string.Join(" or ", accepted)} channels; got {input}.", "images");
        }
    }

    /// <summary>Checks that <paramref name="images"/> is a batch N x C x H x W and returns its size N.</summary>
    public static long RequireBatch(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
        {
            throw new ArgumentException($"Expected a batch N x C x H x W; got shape [{string.Join(", ", images.shape)}].", nameof(images));
        }

        return images.shape[0];
    }

    /// <summary>Checks that a per-image parameter tensor has <paramref name="count"/> rows (and the given trailing shape).</summary>
    public static void RequirePerImage(Tensor parameter, long count, string name, params long[] trailing)
    {
        ArgumentNullException.ThrowIfNull(parameter, name);
        long[] expected = new[] { count }.Concat(trailing).ToArray();
        if (!parameter.shape.SequenceEqual(expected))
        {
            throw new ArgumentException($"{name} must have shape [{string.Join(", ", expected)}] (one row per image); got [{string.Join(", ", parameter.shape)}].", name);
        }
    }

    /// <summary>Checks that every value of <paramref name="values"/> lies in [<paramref name="min"/>, <paramref name="max"/>] (reads the values back).</summary>
    public static void RequireRange(Tensor values, long min, long max, string name)
    {
        if (values.numel() == 0)
        {
            return;
        }

        using Tensor low = values.min();
        using Tensor high = values.max();
        long lowest = low.to(ScalarType.Int64).item<long>(), highest = high.to(ScalarType.Int64).item<long>();
        if (lowest < min || highest > max)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must lie in [{min}, {max}]; got values from {lowest} to {highest}.");
        }
    }
}
