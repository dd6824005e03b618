using System;
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
    public static byte[] Resize(byte* src, int width, int height, int rowBytes, int bpp, int outWidth, int outHeight, Window window)
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

        // Horizontal pass: rows x w.
        var temp = new byte[ImageSizeLimits.BufferBytes(rows, w, bpp)];
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

        // Vertical pass: h x w.
        var result = new byte[ImageSizeLimits.BufferBytes(h, w, bpp)];
        int stride = w * bpp;
        fixed (byte* t = temp)
        fixed (byte* r = result)
        fixed (int* ky = yKernel)
        {
            var sums = new int[stride];
            fixed (int* acc = sums)
            {
                for (int wy = 0; wy < h; wy++)
                {
                    int min = yBounds[2 * wy] - firstRow, count = yBounds[(2 * wy) + 1];
                    int* k = ky + ((long)wy * ySize);
                    VerticalRow(t + ((long)min * stride), stride, k, count, acc, r + ((long)wy * stride));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// One output row of the vertical pass: <c>output[x] = Clip(half + sum over i of rows[i * stride + x] * k[i])</c>
    /// for x in [0, stride), eight columns at a time where AVX2 is available (integer sums: the same bytes either way).
    /// </summary>
    private static void VerticalRow(byte* rows, int stride, int* k, int count, int* acc, byte* output)
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

                sum.Store(acc + x);
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

            acc[x] = sum;
        }

        for (x = 0; x < stride; x++)
        {
            output[x] = Clip(acc[x]);
        }
    }

    /// <summary>A rectangle of the resized image.</summary>
    internal readonly record struct Window(int Left, int Top, int Width, int Height);

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
