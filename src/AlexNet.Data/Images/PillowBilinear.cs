using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AlexNet.Data.Images;

/// <summary>
/// Pillow's bilinear resize of 8-bit images (Resample.c: a triangle filter whose support widens with the reduction,
/// so shrinking is antialiased; 22-bit fixed-point coefficients; horizontal pass, then vertical). torchvision's
/// <c>Resize</c> on PIL images is this resize, so folder images resized here match torchvision's pipeline up to
/// the JPEG decoder's own differences.
/// </summary>
internal static unsafe class PillowBilinear
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Resizes interleaved gray (<paramref name="bpp"/> 1) or RGBA (4; alpha comes back 255) pixels to <paramref name="outWidth"/> x <paramref name="outHeight"/>.</summary>
    public static byte[] Resize(byte* src, int width, int height, int rowBytes, int bpp, int outWidth, int outHeight) =>
        Resize(src, width, height, rowBytes, bpp, outWidth, outHeight, new Window(0, 0, outWidth, outHeight));

    /// <summary>
    /// Only the <paramref name="window"/> of the resized image (the same pixels as resizing all and cropping, for
    /// less work): the columns and rows outside it are never computed.
    /// </summary>
    public static byte[] Resize(byte* src, int width, int height, int rowBytes, int bpp, int outWidth, int outHeight, Window window) =>
        Resize(src, new Window(0, 0, width, height), width, height, rowBytes, bpp, outWidth, outHeight, window);

    /// <summary>
    /// As <see cref="Resize(byte*, int, int, int, int, int, int, Window)"/> when only <paramref name="source"/> (a
    /// rectangle of the <paramref name="width"/> x <paramref name="height"/> input) was decoded: <paramref name="src"/>
    /// points at its top-left pixel and <paramref name="rowBytes"/> steps its rows. The rectangle must hold the input
    /// rows and columns the window reads (<see cref="SourceSpan"/>); the pixels are those of the whole-image resize.
    /// </summary>
    public static byte[] Resize(byte* src, Window source, int width, int height, int rowBytes, int bpp, int outWidth, int outHeight, Window window)
    {
        var result = new byte[ImageSizeLimits.BufferBytes(window.Height, window.Width, bpp)];
        ResizeInto(src, source, width, height, rowBytes, bpp, outWidth, outHeight, window, result);
        return result;
    }

    /// <summary>
    /// As <see cref="Resize(byte*, Window, int, int, int, int, int, int, Window)"/>, writing the window's pixels
    /// (window height x window width x <paramref name="bpp"/> bytes) to <paramref name="result"/>.
    /// </summary>
    public static void ResizeInto(byte* src, Window source, int width, int height, int rowBytes, int bpp, int outWidth, int outHeight, Window window, Span<byte> result)
    {
        if (window.Left < 0 || window.Top < 0 || window.Width < 1 || window.Height < 1
            || (long)window.Left + window.Width > outWidth || (long)window.Top + window.Height > outHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"The window must lie inside the {outWidth} x {outHeight} output.");
        }

        // Coefficients only for the window's columns and rows: a thin image resized to a huge size with a crop needs no more.
        var (xBounds, xKernel, xSize) = Coefficients(width, outWidth, window.Left, window.Width);
        var (yBounds, yKernel, ySize) = Coefficients(height, outHeight, window.Top, window.Height);
        int w = window.Width, h = window.Height;

        // The input rows the vertical window reads.
        int firstRow = yBounds[0];
        int lastRow = firstRow;
        for (int y = 0; y < h; y++)
        {
            lastRow = Math.Max(lastRow, yBounds[2 * y] + yBounds[(2 * y) + 1]);
        }

        int rows = lastRow - firstRow;
        (int firstColumn, int endColumn) = Span(xBounds, w);
        if (source.Left < 0 || source.Top < 0 || (long)source.Left + source.Width > width || (long)source.Top + source.Height > height
            || firstRow < source.Top || lastRow > source.Top + source.Height || firstColumn < source.Left || endColumn > source.Left + source.Width)
        {
            throw new ArgumentOutOfRangeException(
                nameof(source), source, $"The decoded rectangle must lie inside the {width} x {height} input and hold rows {firstRow} to {lastRow - 1} and columns {firstColumn} to {endColumn - 1}.");
        }

        // From here on, input pixel (x, y) is at src + (y - source.Top) * rowBytes + (x - source.Left) * bpp.
        src -= ((long)source.Top * rowBytes) + ((long)source.Left * bpp);

        if (result.Length != ImageSizeLimits.BufferBytes(h, w, bpp))
        {
            throw new ArgumentException($"The result holds {result.Length} bytes; the {w} x {h} window needs {h * w * bpp}.", nameof(result));
        }

        // Horizontal pass: rows x w (a pooled buffer: these are hundreds of kilobytes per image).
        byte[] temp = ArrayPool<byte>.Shared.Rent(ImageSizeLimits.BufferBytes(rows, w, bpp));
        try
        {
            Horizontal(src, rowBytes, bpp, firstRow, rows, w, xBounds, xKernel, xSize, temp);
            Vertical(temp, w * bpp, firstRow, h, yBounds, yKernel, ySize, result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    /// <summary>The horizontal pass: <paramref name="rows"/> input rows from <paramref name="firstRow"/> to rows of <paramref name="w"/> pixels in <paramref name="temp"/>.</summary>
    private static void Horizontal(byte* src, int rowBytes, int bpp, int firstRow, int rows, int w, int[] xBounds, int[] xKernel, int xSize, byte[] temp)
    {
        if (bpp == 4 && Avx2.IsSupported)
        {
            HorizontalRgbaAvx2(src, rowBytes, firstRow, rows, w, xBounds, xKernel, xSize, temp);
            return;
        }

        fixed (byte* t = temp)
        fixed (int* kx = xKernel)
        {
            for (int y = 0; y < rows; y++)
            {
                byte* row = src + ((long)(y + firstRow) * rowBytes);
                byte* outRow = t + ((long)y * w * bpp);
                for (int wx = 0; wx < w; wx++)
                {
                    int min = xBounds[2 * wx], count = xBounds[(2 * wx) + 1];
                    int* k = kx + ((long)wx * xSize);
                    byte* p = row + ((long)min * bpp);
                    byte* o = outRow + ((long)wx * bpp);
                    if (bpp == 4)
                    {
                        // RGBA: the three colour channels in one sweep; alpha is not used downstream.
                        int r = 1 << (PrecisionBits - 1), g = r, b = r;
                        for (int i = 0; i < count; i++, p += 4)
                        {
                            int weight = k[i];
                            r += p[0] * weight;
                            g += p[1] * weight;
                            b += p[2] * weight;
                        }

                        o[0] = Clip(r);
                        o[1] = Clip(g);
                        o[2] = Clip(b);
                        o[3] = 255;
                    }
                    else
                    {
                        int sum = 1 << (PrecisionBits - 1);
                        for (int i = 0; i < count; i++)
                        {
                            sum += p[i * bpp] * k[i];
                        }

                        o[0] = Clip(sum);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The horizontal pass for RGBA with AVX2: two input pixels per step (eight int32 lanes, each pixel's weight in its
    /// four lanes), the two halves added at the end; an odd last tap alone. The same integer sums as the scalar pass.
    /// </summary>
    private static void HorizontalRgbaAvx2(byte* src, int rowBytes, int firstRow, int rows, int w, int[] xBounds, int[] xKernel, int xSize, byte[] temp)
    {
        // Per output column, its taps' weights in pairs: [k0 x4, k1 x4], [k2 x4, k3 x4], ...
        int pairs = xSize / 2;
        var paired = new int[ImageSizeLimits.BufferBytes(w, Math.Max(pairs, 1), 8 * 4) / 4];
        for (int wx = 0; wx < w; wx++)
        {
            for (int j = 0; j < xBounds[(2 * wx) + 1] / 2; j++)
            {
                int at = ((wx * pairs) + j) * 8;
                paired.AsSpan(at, 4).Fill(xKernel[(wx * xSize) + (2 * j)]);
                paired.AsSpan(at + 4, 4).Fill(xKernel[(wx * xSize) + (2 * j) + 1]);
            }
        }

        fixed (byte* t = temp)
        fixed (int* kx = xKernel)
        fixed (int* kp = paired)
        {
            for (int y = 0; y < rows; y++)
            {
                byte* row = src + ((long)(y + firstRow) * rowBytes);
                uint* outRow = (uint*)(t + ((long)y * w * 4));
                for (int wx = 0; wx < w; wx++)
                {
                    int min = xBounds[2 * wx], count = xBounds[(2 * wx) + 1];
                    byte* p = row + ((long)min * 4);
                    int* weights = kp + ((long)wx * pairs * 8);
                    Vector256<int> both = Vector256<int>.Zero;
                    int i = 0;
                    for (; i + 2 <= count; i += 2, p += 8, weights += 8)
                    {
                        both = Avx2.Add(both, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p), Avx.LoadVector256(weights)));
                    }

                    Vector128<int> sum = Sse2.Add(Sse2.Add(both.GetLower(), both.GetUpper()), Vector128.Create(1 << (PrecisionBits - 1)));
                    if (i < count)
                    {
                        sum = Sse2.Add(sum, Sse41.MultiplyLow(Sse41.ConvertToVector128Int32(p), Vector128.Create(kx[((long)wx * xSize) + i])));
                    }

                    Vector128<int> shifted = Sse2.ShiftRightArithmetic(sum, PrecisionBits);
                    Vector128<short> words = Sse2.PackSignedSaturate(shifted, shifted);
                    outRow[wx] = Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar() | 0xFF000000u;
                }
            }
        }
    }

    /// <summary>The vertical pass: <paramref name="h"/> rows of <paramref name="stride"/> bytes from the horizontal pass's rows to <paramref name="result"/>.</summary>
    private static void Vertical(byte[] temp, int stride, int firstRow, int h, int[] yBounds, int[] yKernel, int ySize, Span<byte> result)
    {
        fixed (byte* t = temp)
        fixed (byte* r = result)
        fixed (int* ky = yKernel)
        {
            for (int wy = 0; wy < h; wy++)
            {
                int min = yBounds[2 * wy] - firstRow, count = yBounds[(2 * wy) + 1];
                int* k = ky + ((long)wy * ySize);
                VerticalRow(t + ((long)min * stride), stride, k, count, r + ((long)wy * stride));
            }
        }
    }

    /// <summary>
    /// One output row of the vertical pass: <c>output[x] = Clip(half + sum over i of rows[i * stride + x] * k[i])</c>
    /// for x in [0, stride), eight columns at a time where AVX2 is available (integer sums: the same bytes either way).
    /// </summary>
    private static void VerticalRow(byte* rows, int stride, int* k, int count, byte* output)
    {
        const int Half = 1 << (PrecisionBits - 1);
        int x = 0;
        if (Avx2.IsSupported)
        {
            for (; x + 8 <= stride; x += 8)
            {
                Vector256<int> sum = Vector256.Create(Half);
                byte* p = rows + x;
                for (int i = 0; i < count; i++, p += stride)
                {
                    sum = Avx2.Add(sum, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p), Vector256.Create(k[i])));
                }

                // Clip by saturating packs: int32 >> 22 -> int16 -> uint8.
                Vector256<int> shifted = Avx2.ShiftRightArithmetic(sum, PrecisionBits);
                Vector128<short> words = Sse2.PackSignedSaturate(shifted.GetLower(), shifted.GetUpper());
                *(ulong*)(output + x) = Sse2.PackUnsignedSaturate(words, words).AsUInt64().ToScalar();
            }
        }

        for (; x < stride; x++)
        {
            int sum = Half;
            byte* p = rows + x;
            for (int i = 0; i < count; i++, p += stride)
            {
                sum += *p * k[i];
            }

            output[x] = Clip(sum);
        }
    }

    /// <summary>A rectangle of an image (of the resized image, or of the input where a decoded part is meant).</summary>
    internal readonly record struct Window(int Left, int Top, int Width, int Height);

    /// <summary>
    /// The input rectangle that the output <paramref name="window"/> of a <paramref name="width"/> x
    /// <paramref name="height"/> to <paramref name="outWidth"/> x <paramref name="outHeight"/> resize reads.
    /// </summary>
    public static Window SourceSpan(int width, int height, int outWidth, int outHeight, Window window)
    {
        var (xBounds, _, _) = Coefficients(width, outWidth, window.Left, window.Width);
        var (yBounds, _, _) = Coefficients(height, outHeight, window.Top, window.Height);
        (int left, int right) = Span(xBounds, window.Width);
        (int top, int bottom) = Span(yBounds, window.Height);
        return new Window(left, top, right - left, bottom - top);
    }

    /// <summary>The first input position and one past the last that <paramref name="count"/> output positions read.</summary>
    private static (int First, int End) Span(int[] bounds, int count)
    {
        int first = int.MaxValue, end = 0;
        for (int i = 0; i < count; i++)
        {
            first = Math.Min(first, bounds[2 * i]);
            end = Math.Max(end, bounds[2 * i] + bounds[(2 * i) + 1]);
        }

        return (first, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip(int sum)
    {
        int v = sum >> PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }

    /// <summary>
    /// Pillow's precompute_coeffs + normalize_coeffs_8bpc for the bilinear filter (support 1), for the output positions
    /// [<paramref name="first"/>, first + <paramref name="count"/>) only; entry i describes output position first + i.
    /// </summary>
    private static (int[] Bounds, int[] Kernel, int KernelSize) Coefficients(int inSize, int outSize, int first, int count)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = 1.0 * filterScale;
        int kernelSize = checked(((int)Math.Ceiling(support) * 2) + 1);
        var bounds = new int[checked(count * 2)];
        var kernel = new int[ImageSizeLimits.BufferBytes(count, kernelSize, 4) / 4];
        var weights = new double[kernelSize];
        for (int xx = first; xx < first + count; xx++)
        {
            int i = xx - first;
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double total = 0;
            int x;
            for (x = 0; x < xmax; x++)
            {
                double w = Triangle((x + xmin - center + 0.5) * ss);
                weights[x] = w;
                total += w;
            }

            for (x = 0; x < xmax; x++)
            {
                double w = total != 0 ? weights[x] / total : weights[x];
                kernel[((long)i * kernelSize) + x] = (int)(w < 0 ? (w * (1 << PrecisionBits)) - 0.5 : (w * (1 << PrecisionBits)) + 0.5);
            }

            bounds[2 * i] = xmin;
            bounds[(2 * i) + 1] = xmax;
        }

        return (bounds, kernel, kernelSize);
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }
}
