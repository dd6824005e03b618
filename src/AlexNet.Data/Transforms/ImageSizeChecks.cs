using System;
using AlexNet.Core.Abstractions;

namespace AlexNet.Data.Transforms;

/// <summary>The argument check of the transforms that take an <see cref="ImageSize"/>.</summary>
internal static class ImageSizeChecks
{
    /// <summary><paramref name="size"/> itself when both sides are at least 1; throws otherwise, naming <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1.</exception>
    public static ImageSize Validated(this ImageSize size, string name)
    {
        if (size.Height < 1 || size.Width < 1)
        {
            throw new ArgumentOutOfRangeException(name, size, $"{name} must be at least 1x1; got {size}.");
        }

        return size;
    }
}
