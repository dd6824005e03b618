using System.Linq;
using AlexNet.Data.Images;
using SkiaSharp;

namespace AlexNet.Data.Tests.Images;

/// <summary>Every EXIF orientation, with and without a central crop, turns the stored pixels upright as the orientation's definition says.</summary>
public sealed class ImagePlanesOrientationTests
{
    public static TheoryData<SKEncodedOrigin, int?> Cases()
    {
        var data = new TheoryData<SKEncodedOrigin, int?>();
        foreach (SKEncodedOrigin origin in System.Enum.GetValues<SKEncodedOrigin>())
        {
            data.Add(origin, null);
            data.Add(origin, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_orientation_shows_the_stored_pixel_its_definition_names(SKEncodedOrigin origin, int? crop)
    {
        const int StoredWidth = 7, StoredHeight = 5;
        using var bitmap = new SKBitmap(new SKImageInfo(StoredWidth, StoredHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < StoredHeight; y++)
        {
            for (int x = 0; x < StoredWidth; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)x, (byte)y, (byte)(100 + x + (10 * y)), 255));
            }
        }

        DecodedImage image = ImagePlanes.Extract(bitmap, origin, new ImageDecodeOptions { CenterCrop = crop }, "test");

        bool transposed = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int uprightWidth = transposed ? StoredHeight : StoredWidth, uprightHeight = transposed ? StoredWidth : StoredHeight;
        int top = crop is int c ? ImagePlanes.CropStart(uprightHeight, c) : 0, left = crop is int d ? ImagePlanes.CropStart(uprightWidth, d) : 0;
        int plane = image.Height * image.Width;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                (int sx, int sy) = Stored(origin, x + left, y + top, StoredWidth, StoredHeight);
                int o = (y * image.Width) + x;
                new[] { image.Pixels[o], image.Pixels[plane + o], image.Pixels[(2 * plane) + o] }
                    .Should().Equal(new[] { (byte)sx, (byte)sy, (byte)(100 + sx + (10 * sy)) }, $"{origin}: upright ({x}, {y})");
            }
        }

        (image.Width, image.Height).Should().Be(crop is int k ? (k, k) : (uprightWidth, uprightHeight));
    }

    /// <summary>
    /// The stored pixel shown at upright (x, y), from the EXIF definitions: mirrored (TopRight), rotated 180 degrees
    /// (BottomRight), flipped (BottomLeft), transposed (LeftTop), stored rotated 90 degrees counter-clockwise so shown
    /// turned clockwise (RightTop), transversed (RightBottom), stored rotated clockwise (LeftBottom).
    /// </summary>
    private static (int X, int Y) Stored(SKEncodedOrigin origin, int x, int y, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => (w - 1 - x, y),
        SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, h - 1 - x),
        SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
        SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
        _ => (x, y),
    };
}
