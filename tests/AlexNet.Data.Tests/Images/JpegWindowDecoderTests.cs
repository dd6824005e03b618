using System;
using System.IO;
using System.Linq;
using AlexNet.Data.Images;
using AlexNet.Data.Tests.Images.Support;
using SkiaSharp;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// <see cref="JpegWindowDecoder"/>: a box of the resized, centre-cropped image decoded from only the rows and columns it
/// needs is bitwise the box of the whole decode; files it cannot decode that way are left to the whole decode.
/// </summary>
public sealed class JpegWindowDecoderTests
{
    [Theory]
    [InlineData(640, 480, false, 0, 0)]
    [InlineData(640, 480, false, 31, 7)]
    [InlineData(333, 517, false, 12, 31)]
    [InlineData(640, 480, true, 31, 0)]
    [InlineData(500, 375, true, 17, 23)]
    [InlineData(256, 300, false, 5, 9)] // no resize: the shorter side is already 256
    public void A_box_decoded_from_the_rows_and_columns_it_needs_is_the_box_of_the_whole_decode(int width, int height, bool scaled, int top, int left)
    {
        byte[] jpeg = NoisyJpeg(width, height, seed: width + height);
        var options = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256, ScaledJpegDecode = scaled };

        byte[]? box = JpegWindowDecoder.TryDecode(jpeg, options, new PillowBilinear.Window(left, top, 224, 224), "test.jpg");
        DecodedImage whole = ImageDecoder.Decode(jpeg, options);

        box.Should().NotBeNull("an upright, complete JPEG takes the box path");
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 224; y++)
            {
                for (int x = 0; x < 224; x++)
                {
                    byte expected = whole.Pixels[(c * 256 * 256) + ((y + top) * 256) + x + left];
                    byte actual = box![(((y * 224) + x) * 4) + c];
                    if (actual != expected)
                    {
                        throw new Xunit.Sdk.XunitException($"channel {c}, box pixel ({x}, {y}): {actual}, the whole decode gives {expected}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_CMYK_JPEG_box_is_the_box_of_the_whole_decode()
    {
        byte[] jpeg = File.ReadAllBytes(RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", "cmyk.jpg")));
        var options = new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 };

        byte[]? box = JpegWindowDecoder.TryDecode(jpeg, options, new PillowBilinear.Window(1, 2, 6, 5), "cmyk.jpg");
        DecodedImage whole = ImageDecoder.Decode(jpeg, options);

        box.Should().NotBeNull();
        var fromBox = Enumerable.Range(0, 3 * 5 * 6).Select(i => box![(((i % 30 / 6 * 6) + (i % 6)) * 4) + (i / 30)]);
        var fromWhole = Enumerable.Range(0, 3 * 5 * 6).Select(i => whole.Pixels[(i / 30 * 64) + (((i % 30 / 6) + 2) * 8) + (i % 6) + 1]);
        fromBox.Should().Equal(fromWhole);
    }

    [Fact]
    public void A_JPEG_without_its_end_marker_is_left_to_the_whole_decode_which_reports_the_truncation()
    {
        byte[] jpeg = NoisyJpeg(400, 300, seed: 1);
        byte[] cut = jpeg[..(jpeg.Length * 2 / 3)];
        var options = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256 };

        JpegWindowDecoder.TryDecode(cut, options, new PillowBilinear.Window(0, 0, 224, 224), "cut.jpg").Should().BeNull();
        var whole = () => ImageDecoder.Decode(cut, options, "cut.jpg");
        whole.Should().Throw<ImageDecodeException>().Which.Problem.Should().Contain("truncated");
    }

    [Fact]
    public void A_PNG_a_rotated_JPEG_grayscale_output_or_options_without_resize_and_crop_are_left_to_the_whole_decode()
    {
        byte[] jpeg = NoisyJpeg(400, 300, seed: 2);
        byte[] png = HostileImages.Encoded(400, 300, SKEncodedImageFormat.Png);
        byte[] rotated = File.ReadAllBytes(RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", "exif3.jpg")));
        var box = new PillowBilinear.Window(0, 0, 64, 64);
        var options = new ImageDecodeOptions { ShorterSide = 128, CenterCrop = 128 };

        JpegWindowDecoder.TryDecode(png, options, box, "a.png").Should().BeNull();
        JpegWindowDecoder.TryDecode(rotated, new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 }, new PillowBilinear.Window(0, 0, 4, 4), "exif3.jpg").Should().BeNull();
        JpegWindowDecoder.TryDecode(jpeg, new ImageDecodeOptions { ShorterSide = 128, CenterCrop = 128, Channels = 1 }, box, "a.jpg").Should().BeNull();
        JpegWindowDecoder.TryDecode(jpeg, new ImageDecodeOptions { ShorterSide = 128 }, box, "a.jpg").Should().BeNull();
        JpegWindowDecoder.TryDecode(jpeg, new ImageDecodeOptions { CenterCrop = 128 }, box, "a.jpg").Should().BeNull();
        JpegWindowDecoder.TryDecode(jpeg, options, box, "a.jpg").Should().NotBeNull();
    }

    [Fact]
    public void A_header_over_the_pixel_limit_is_refused_as_by_the_whole_decode()
    {
        byte[] jpeg = NoisyJpeg(400, 300, seed: 3);
        var options = new ImageDecodeOptions { ShorterSide = 128, CenterCrop = 128, MaxImagePixels = 100_000 };

        var box = () => JpegWindowDecoder.TryDecode(jpeg, options, new PillowBilinear.Window(0, 0, 64, 64), "big.jpg");
        var whole = () => ImageDecoder.Decode(jpeg, options, "big.jpg");

        string expected = whole.Should().Throw<ImageDecodeException>().Which.Problem;
        box.Should().Throw<ImageDecodeException>().Which.Problem.Should().Be(expected);
    }

    [TurboJpegFact]
    public void The_system_TurboJPEG_decodes_the_pixels_SkiaSharp_decodes_at_full_and_reduced_scale()
    {
        foreach ((int width, int height, float scale) in new[] { (640, 480, 1f), (333, 517, 1f), (500, 375, 0.625f), (401, 299, 0.875f) })
        {
            byte[] jpeg = NoisyJpeg(width, height, seed: width);
            using var codec = SKCodec.Create(SKData.CreateCopy(jpeg));
            SKSizeI size = codec.GetScaledDimensions(scale);
            var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var bitmap = new SKBitmap(info);
            codec.GetPixels(info, bitmap.GetPixels()).Should().Be(SKCodecResult.Success);
            byte[] skia = bitmap.Bytes;
            var turbo = new byte[size.Width * size.Height * 4];

            TurboJpeg.TryDecode(jpeg, size.Width, size.Height, turbo).Should().Be(TurboJpeg.Result.Decoded);

            turbo.Should().Equal(skia, $"{width} x {height} at scale {scale}: both are libjpeg-turbo with the accurate IDCT and smooth upsampling");
        }
    }

    [TurboJpegFact]
    public void TurboJPEG_refuses_a_truncated_or_CMYK_JPEG_so_that_SkiaSharp_decides_about_it()
    {
        byte[] jpeg = NoisyJpeg(400, 300, seed: 4);
        byte[] cmyk = File.ReadAllBytes(RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", "cmyk.jpg")));
        using var codec = SKCodec.Create(SKData.CreateCopy(cmyk));

        TurboJpeg.TryDecode(jpeg[..(jpeg.Length / 2)], 400, 300, new byte[400 * 300 * 4]).Should().Be(TurboJpeg.Result.NotDecoded);
        TurboJpeg.TryDecode(cmyk, codec.Info.Width, codec.Info.Height, new byte[codec.Info.Width * codec.Info.Height * 4]).Should().Be(TurboJpeg.Result.NotDecoded);
    }

    [Fact]
    public void Random_damage_to_a_JPEG_gives_a_box_false_or_an_image_decode_exception_only()
    {
        byte[] original = NoisyJpeg(120, 90, seed: 6);
        var random = new Random(16);
        var options = new ImageDecodeOptions { ShorterSide = 64, CenterCrop = 64 };
        var rgba = new byte[48 * 48 * 4];
        int decoded = 0, passed = 0, refused = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] mutant = DecoderFailureTests.Mutate(original, random);
            try
            {
                if (JpegWindowDecoder.TryDecode(mutant, options, new PillowBilinear.Window(trial % 16, trial % 9, 48, 48), $"mutant-{trial}.jpg", rgba))
                {
                    decoded++;
                }
                else
                {
                    passed++;
                }
            }
            catch (ImageDecodeException e)
            {
                e.File.Should().Be($"mutant-{trial}.jpg");
                refused++;
            }
        }

        (decoded + passed + refused).Should().Be(300);
        decoded.Should().BeGreaterThan(0);
        passed.Should().BeGreaterThan(0, "cut files lose their end marker and go to the whole decode");
    }

    /// <summary>Gradients under per-pixel noise (colour detail in every 16 x 16 block), JPEG quality 90, 4:2:0.</summary>
    internal static byte[] NoisyJpeg(int width, int height, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)((x * 255 / width) ^ random.Next(64)), (byte)((y * 255 / height) + random.Next(-30, 30)), (byte)random.Next(256)));
            }
        }

        using SKData data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}

/// <summary>A fact that runs where the system's TurboJPEG library (Debian's libturbojpeg0) is installed.</summary>
public sealed class TurboJpegFactAttribute : FactAttribute
{
    public TurboJpegFactAttribute()
    {
        if (!TurboJpeg.IsAvailable)
        {
            Skip = "libturbojpeg.so.0 is not installed (apt-get install libturbojpeg0); SkiaSharp decodes JPEGs instead";
        }
    }
}
