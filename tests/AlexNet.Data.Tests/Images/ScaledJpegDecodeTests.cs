using System;
using System.Linq;
using AlexNet.Data.Images;
using AlexNet.Data.Tests.Images.Support;
using SkiaSharp;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// <see cref="ImageDecodeOptions.ScaledJpegDecode"/>: off by default (a full decode, as torchvision); when asked for, a JPEG
/// is decoded at the smallest n/8 scale that keeps the shorter side at least the resize target, and the result is the
/// documented approximation of the full decode.
/// </summary>
public sealed class ScaledJpegDecodeTests
{
    [Fact]
    public void Scaled_decoding_is_off_by_default_so_the_full_image_is_decoded_as_torchvision_does()
    {
        byte[] jpeg = SmoothJpeg(600, 450);
        using var codec = SKCodec.Create(SKData.CreateCopy(jpeg));

        new ImageDecodeOptions().ScaledJpegDecode.Should().BeFalse();
        ImageDecoder.ScaledSize(codec, new ImageDecodeOptions { ShorterSide = 256 }).Should().Be(new SKSizeI(600, 450));
    }

    [Theory]
    [InlineData(600, 450, 256, 375, 282)] // 5/8: 282 >= 256, 4/8 would give 225
    [InlineData(480, 300, 256, 420, 263)] // 7/8
    [InlineData(2048, 1536, 256, 512, 384)] // 2/8; 1/8 would give 256 x 192
    public void The_smallest_eighth_scale_that_keeps_the_shorter_side_is_chosen(int width, int height, int side, int expectedWidth, int expectedHeight)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(SmoothJpeg(width, height)));

        SKSizeI size = ImageDecoder.ScaledSize(codec, new ImageDecodeOptions { ShorterSide = side, ScaledJpegDecode = true });

        size.Should().Be(new SKSizeI(expectedWidth, expectedHeight));
    }

    [Fact]
    public void A_JPEG_no_larger_than_the_target_or_a_PNG_is_decoded_at_full_size()
    {
        var options = new ImageDecodeOptions { ShorterSide = 256, ScaledJpegDecode = true };
        using var small = SKCodec.Create(SKData.CreateCopy(SmoothJpeg(300, 260)));
        using var png = SKCodec.Create(SKData.CreateCopy(HostileImages.Encoded(600, 450, SKEncodedImageFormat.Png)));

        ImageDecoder.ScaledSize(small, options).Should().Be(new SKSizeI(300, 260));
        ImageDecoder.ScaledSize(png, options).Should().Be(new SKSizeI(600, 450));
    }

    [Fact]
    public void The_scaled_decode_is_close_to_the_full_decode_and_of_the_same_size()
    {
        byte[] jpeg = SmoothJpeg(600, 450);
        var full = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 224 };
        var scaled = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 224, ScaledJpegDecode = true };

        DecodedImage a = ImageDecoder.Decode(jpeg, full);
        DecodedImage b = ImageDecoder.Decode(jpeg, scaled);

        (b.Channels, b.Height, b.Width).Should().Be((a.Channels, a.Height, a.Width));
        double meanAbs = a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Average();
        meanAbs.Should().BeLessThan(2.0, "the DCT-domain reduction approximates the antialiased resize of a smooth image");
        a.Pixels.Should().NotEqual(b.Pixels, "the scaled path was taken: its pixels are not those of the full decode");
    }

    /// <summary>A smooth colour image (gradients and a soft disc) encoded as JPEG quality 90.</summary>
    private static byte[] SmoothJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double d = Math.Sqrt(Math.Pow(x - (width / 2.0), 2) + Math.Pow(y - (height / 2.0), 2)) / width;
                bitmap.SetPixel(x, y, new SKColor((byte)(255 * x / width), (byte)(255 * y / height), (byte)(255 * Math.Exp(-8 * d * d))));
            }
        }

        using SKData data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
