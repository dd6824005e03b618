using System;
using System.Runtime.CompilerServices;

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
        var (xBounds, xKernel, xSize) = Coefficients(width, outWidth);
        var (yBounds, yKernel, ySize) = Coefficients(height, outHeight);
        int w = window.Width, h = window.Height;

        // The input rows the vertical window reads.
        int firstRow = yBounds[2 * window.Top];
        int lastRow = firstRow;
        for (int y = window.Top; y < window.Top + h; y++)
        {
            lastRow = Math.Max(lastRow, yBounds[2 * y] + yBounds[(2 * y) + 1]);
        }

        int rows = lastRow - firstRow;

        // Horizontal pass: rows x w.
        var temp = new byte[rows * w * bpp];
        fixed (byte* t = temp)
        fixed (int* kx = xKernel)
        {
            for (int y = 0; y < rows; y++)
            {
                byte* row = src + ((long)(y + firstRow) * rowBytes);
                byte* outRow = t + ((long)y * w * bpp);
                for (int wx = 0; wx < w; wx++)
                {
                    int x = wx + window.Left;
                    int min = xBounds[2 * x], count = xBounds[(2 * x) + 1];
                    int* k = kx + (x * xSize);
                    byte* p = row + (min * bpp);
                    byte* o = outRow + (wx * bpp);
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
        var result = new byte[h * w * bpp];
        int stride = w * bpp;
        fixed (byte* t = temp)
        fixed (byte* r = result)
        fixed (int* ky = yKernel)
        {
            for (int wy = 0; wy < h; wy++)
            {
                int y = wy + window.Top;
                int min = yBounds[2 * y] - firstRow, count = yBounds[(2 * y) + 1];
                int* k = ky + (y * ySize);
                byte* outRow = r + ((long)wy * stride);
                for (int x = 0; x < stride; x++)
                {
                    int sum = 1 << (PrecisionBits - 1);
                    byte* p = t + ((long)min * stride) + x;
                    for (int i = 0; i < count; i++, p += stride)
                    {
                        sum += *p * k[i];
                    }

                    outRow[x] = Clip(sum);
                }
            }
        }

        return result;
    }

    /// <summary>A rectangle of the resized image.</summary>
    internal readonly record struct Window(int Left, int Top, int Width, int Height);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip(int sum)
    {
        int v = sum >> PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }

    /// <summary>Pillow's precompute_coeffs + normalize_coeffs_8bpc for the bilinear filter (support 1).</summary>
    private static (int[] Bounds, int[] Kernel, int KernelSize) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = 1.0 * filterScale;
        int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var kernel = new int[outSize * kernelSize];
        var weights = new double[kernelSize];
        for (int xx = 0; xx < outSize; xx++)
        {
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
                kernel[(xx * kernelSize) + x] = (int)(w < 0 ? (w * (1 << PrecisionBits)) - 0.5 : (w * (1 << PrecisionBits)) + 0.5);
            }

            bounds[2 * xx] = xmin;
            bounds[(2 * xx) + 1] = xmax;
        }

        return (bounds, kernel, kernelSize);
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }
}
