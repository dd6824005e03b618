using System;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The copy kernels of <see cref="PerImageCopyPlan"/>: a box of a planar uint8 image, optionally mirrored left-right,
/// copied as uint8 or converted through a per-channel table of float32 values.
/// </summary>
internal static class PerImageCopy
{
    /// <summary>Copies the box, as uint8, to <paramref name="output"/> (C x box height x box width).</summary>
    public static void CopyBytes(ReadOnlySpan<byte> image, int channels, int height, int width, Box box, Span<byte> output)
    {
        box.Check(channels, height, width, output.Length);
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < box.Height; y++)
            {
                ReadOnlySpan<byte> row = image.Slice((((c * height) + box.Top + y) * width) + box.Left, box.Width);
                Span<byte> target = output.Slice(((c * box.Height) + y) * box.Width, box.Width);
                row.CopyTo(target);
                if (box.Flip)
                {
                    target.Reverse();
                }
            }
        }
    }

    /// <summary>
    /// Writes <c>table[c * 256 + v]</c> for each uint8 value v of channel c of the box to <paramref name="output"/>
    /// (C x box height x box width).
    /// </summary>
    public static void CopyThroughTable(ReadOnlySpan<byte> image, int channels, int height, int width, Box box, ReadOnlySpan<float> table, Span<float> output)
    {
        box.Check(channels, height, width, output.Length);
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> values = table.Slice(c * 256, 256);
            for (int y = 0; y < box.Height; y++)
            {
                ReadOnlySpan<byte> row = image.Slice((((c * height) + box.Top + y) * width) + box.Left, box.Width);
                Span<float> target = output.Slice(((c * box.Height) + y) * box.Width, box.Width);
                if (box.Flip)
                {
                    int last = box.Width - 1;
                    for (int x = 0; x < target.Length; x++)
                    {
                        target[x] = values[row[last - x]];
                    }
                }
                else
                {
                    for (int x = 0; x < target.Length; x++)
                    {
                        target[x] = values[row[x]];
                    }
                }
            }
        }
    }

    /// <summary>Copies interleaved RGBA pixels (height x width) to planar RGB bytes, mirrored left-right when <paramref name="flip"/> is set.</summary>
    public static void CopyRgbaBytes(ReadOnlySpan<byte> rgba, int height, int width, bool flip, Span<byte> output)
    {
        int plane = height * width;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = rgba.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                int source = (flip ? width - 1 - x : x) * 4;
                int target = (y * width) + x;
                output[target] = row[source];
                output[plane + target] = row[source + 1];
                output[(2 * plane) + target] = row[source + 2];
            }
        }
    }

    /// <summary>
    /// Writes <c>table[c * 256 + v]</c> for each value v of channel c (R, G, B) of interleaved RGBA pixels (height x
    /// width) to planar float32 <paramref name="output"/>, mirrored left-right when <paramref name="flip"/> is set.
    /// </summary>
    public static void CopyRgbaThroughTable(ReadOnlySpan<byte> rgba, int height, int width, bool flip, ReadOnlySpan<float> table, Span<float> output)
    {
        int plane = height * width;
        ReadOnlySpan<float> red = table.Slice(0, 256), green = table.Slice(256, 256), blue = table.Slice(512, 256);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = rgba.Slice(y * width * 4, width * 4);
            Span<float> r = output.Slice(y * width, width), g = output.Slice(plane + (y * width), width), b = output.Slice((2 * plane) + (y * width), width);
            for (int x = 0; x < width; x++)
            {
                int source = (flip ? width - 1 - x : x) * 4;
                r[x] = red[row[source]];
                g[x] = green[row[source + 1]];
                b[x] = blue[row[source + 2]];
            }
        }
    }

    /// <summary>A crop box of an image and whether it is mirrored.</summary>
    /// <param name="Top">The box's top row.</param>
    /// <param name="Left">The box's left column.</param>
    /// <param name="Height">The box's height.</param>
    /// <param name="Width">The box's width.</param>
    /// <param name="Flip">Whether the box is mirrored left-right.</param>
    internal readonly record struct Box(int Top, int Left, int Height, int Width, bool Flip)
    {
        /// <summary>Throws unless the box lies inside a C x H x W image and the output holds C x box exactly.</summary>
        public void Check(int channels, int height, int width, int outputLength)
        {
            if (Top < 0 || Left < 0 || Height < 1 || Width < 1 || Top + Height > height || Left + Width > width)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(Top), $"The box {Height}x{Width} at ({Top}, {Left}) does not lie inside the {height}x{width} image.");
            }

            if ((long)channels * Height * Width != outputLength)
            {
                throw new ArgumentException($"The output holds {outputLength} values; the box needs {(long)channels * Height * Width}.", nameof(outputLength));
            }
        }
    }
}
