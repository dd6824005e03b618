using System;
using SkiaSharp;

namespace AlexNet.Data.Images;

/// <summary>
/// The last step of <see cref="ImageDecoder"/>: a decoded SkiaSharp bitmap (RGBA or gray, as stored) turned upright by
/// its EXIF orientation, centre-cropped and converted to planar uint8 RGB or grayscale (PIL's conversion).
/// </summary>
internal static class ImagePlanes
{
    /// <summary>Applies the orientation and the central crop and converts to planar RGB or grayscale, in one pass.</summary>
    public static unsafe DecodedImage Extract(SKBitmap image, SKEncodedOrigin origin, ImageDecodeOptions options, string name)
    {
        int sw = image.Width, sh = image.Height;
        bool transposed = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int dw = transposed ? sh : sw, dh = transposed ? sw : sh;
        int outH = dh, outW = dw, top = 0, left = 0;
        if (options.CenterCrop is int crop)
        {
            if (crop > dw || crop > dh)
            {
                throw new ImageDecodeException(name, $"the image is {dw} x {dh} (width x height) after decoding, smaller than the {crop} x {crop} central crop; set ImageDecodeOptions.ShorterSide to at least {crop}");
            }

            outH = outW = crop;
            top = CropStart(dh, crop);
            left = CropStart(dw, crop);
        }

        int channels = options.Channels;
        int bpp = image.BytesPerPixel;
        int rowBytes = image.RowBytes;
        byte* src = (byte*)image.GetPixels();
        int plane = ImageSizeLimits.BufferBytes(outH, outW, 1);
        var pixels = new byte[ImageSizeLimits.BufferBytes(outH, outW, channels)];
        fixed (byte* dst = pixels)
        {
            for (int y = 0; y < outH; y++)
            {
                // Along an output row the stored pixel moves by a constant step, whatever the orientation.
                long first = Offset(SourceOf(origin, left, y + top, sw, sh), rowBytes, bpp);
                byte* p = src + first;
                long step = outW == 1 ? 0 : Offset(SourceOf(origin, left + 1, y + top, sw, sh), rowBytes, bpp) - first;
                byte* o = dst + ((long)y * outW);
                if (channels == 3 && bpp == 4)
                {
                    for (int x = 0; x < outW; x++, p += step)
                    {
                        o[x] = p[0];
                        o[plane + x] = p[1];
                        o[(2 * plane) + x] = p[2];
                    }
                }
                else if (channels == 3)
                {
                    for (int x = 0; x < outW; x++, p += step)
                    {
                        o[x] = o[plane + x] = o[(2 * plane) + x] = p[0];
                    }
                }
                else
                {
                    for (int x = 0; x < outW; x++, p += step)
                    {
                        // PIL's convert("L"): (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16.
                        o[x] = bpp == 1 ? p[0] : (byte)(((p[0] * 19595) + (p[1] * 38470) + (p[2] * 7471) + 0x8000) >> 16);
                    }
                }
            }
        }

        GC.KeepAlive(image);
        return new DecodedImage(pixels, channels, outH, outW);
    }

    /// <summary>torchvision's centre-crop offset: int(round((size - crop) / 2)), rounding half to even as Python does.</summary>
    public static int CropStart(int size, int crop) => (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven);

    private static long Offset((int X, int Y) pixel, int rowBytes, int bpp) => ((long)pixel.Y * rowBytes) + ((long)pixel.X * bpp);

    /// <summary>The stored pixel shown at (x, y) of the upright image, for each EXIF orientation.</summary>
    private static (int X, int Y) SourceOf(SKEncodedOrigin origin, int x, int y, int sw, int sh) => origin switch
    {
        SKEncodedOrigin.TopRight => (sw - 1 - x, y),
        SKEncodedOrigin.BottomRight => (sw - 1 - x, sh - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, sh - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, sh - 1 - x),
        SKEncodedOrigin.RightBottom => (sw - 1 - y, sh - 1 - x),
        SKEncodedOrigin.LeftBottom => (sw - 1 - y, x),
        _ => (x, y),
    };
}
