using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>Conveniences over <see cref="ITransform"/>.</summary>
public static class TransformExtensions
{
    /// <summary>Applies <paramref name="transform"/> with a new CPU generator seeded with <paramref name="seed"/>.</summary>
    /// <returns>A new tensor, owned by the caller.</returns>
    internal static Tensor Apply(this ITransform transform, Tensor images, long seed)
    {
        ArgumentNullException.ThrowIfNull(transform);
        using var generator = new Generator(unchecked((ulong)seed));
        return transform.Apply(images, generator);
    }

    /// <summary>
    /// Checks that <paramref name="transform"/> accepts images of <paramref name="input"/> (its
    /// <see cref="ITransform.GetOutputSpec"/> throws otherwise) and returns the transform itself, so that a pipeline is
    /// built and checked in one expression and bad arguments fail before the first batch.
    /// </summary>
    /// <exception cref="ArgumentException">A transform does not accept what reaches it; the message names its argument.</exception>
    public static T ValidatedFor<T>(this T transform, ImageSpec input)
        where T : ITransform
    {
        ArgumentNullException.ThrowIfNull(transform);
        transform.GetOutputSpec(input);
        return transform;
    }
}
