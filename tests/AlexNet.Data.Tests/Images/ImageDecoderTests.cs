using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Data.Images;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// Decoding of the awkward files users have: 16-bit, palette, alpha and CMYK images, EXIF rotation (fixtures made by
/// tests/fixtures/images/make_fixtures.py, whose docstring gives each image's content) and broken files.
/// </summary>
public sealed class ImageDecoderTests
{
    private static readonly ImageDecodeOptions Rgb = new();
    private static readonly ImageDecodeOptions Gray = new() { Channels = 1 };

    private static string Fixture(string name) => RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", name));

    private static byte At(DecodedImage image, int c, int y, int x) => image.Pixels[(((c * image.Height) + y) * image.Width) + x];

    [Fact]
    public void A_16_bit_grayscale_PNG_decodes_to_its_8_bit_values()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("gray16.png"), Gray);

        (image.Channels, image.Height, image.Width).Should().Be((1, 6, 8));
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                At(image, 0, y, x).Should().Be((byte)((30 * x) + (7 * y)));
            }
        }
    }

    [Fact]
    public void A_16_bit_RGB_PNG_decodes_to_its_8_bit_values()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("rgb16.png"), Rgb);

        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                int v = (30 * x) + (7 * y);
                new[] { At(image, 0, y, x), At(image, 1, y, x), At(image, 2, y, x) }.Should().Equal((byte)v, (byte)(255 - v), (byte)(3 * y));
            }
        }
    }

    [Fact]
    public void A_palette_PNG_decodes_to_its_colours()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("palette.png"), Rgb);

        new[] { At(image, 0, 3, 1), At(image, 1, 3, 1), At(image, 2, 3, 1) }.Should().Equal(255, 0, 0);
        new[] { At(image, 0, 3, 6), At(image, 1, 3, 6), At(image, 2, 3, 6) }.Should().Equal(0, 0, 255);
    }

    [Fact]
    public void An_RGBA_PNG_loses_its_alpha_without_compositing_as_PIL_convert_RGB_does()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("rgba.png"), Rgb);

        image.Channels.Should().Be(3);
        new[] { At(image, 0, 4, 5), At(image, 1, 4, 5), At(image, 2, 4, 5) }.Should().Equal(50, 80, 100);
        new[] { At(image, 0, 2, 0), At(image, 1, 2, 0), At(image, 2, 2, 0) }.Should().Equal(new byte[] { 0, 40, 100 }, "a fully transparent pixel keeps its stored colour, as in PIL");
    }

    [Fact]
    public void A_colour_image_decoded_as_grayscale_uses_PILs_luma_weights()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("rgba.png"), Gray);

        // PIL: L = (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16 for (50, 80, 100).
        At(image, 0, 4, 5).Should().Be((byte)(((50 * 19595) + (80 * 38470) + (100 * 7471) + 0x8000) >> 16));
    }

    [Fact]
    public void A_CMYK_JPEG_decodes_to_RGB()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("cmyk.jpg"), Rgb);

        (image.Channels, image.Height, image.Width).Should().Be((3, 16, 16));
        new[] { At(image, 0, 8, 2), At(image, 1, 8, 2), At(image, 2, 8, 2) }.Should().SatisfyRespectively(
            r => r.Should().BeGreaterThan(240), g => g.Should().BeLessThan(15), b => b.Should().BeLessThan(15));
        new[] { At(image, 0, 8, 13), At(image, 1, 8, 13), At(image, 2, 8, 13) }.Should().SatisfyRespectively(
            r => r.Should().BeLessThan(15), g => g.Should().BeGreaterThan(240), b => b.Should().BeGreaterThan(240));
    }

    [Fact]
    public void EXIF_orientation_6_is_applied_so_the_image_comes_out_upright()
    {
        DecodedImage image = ImageDecoder.Decode(Fixture("exif6.jpg"), Rgb);

        (image.Height, image.Width).Should().Be((32, 16));
        At(image, 0, 4, 8).Should().BeGreaterThan(240, "the stored left half (red) is on top once rotated clockwise");
        At(image, 2, 4, 8).Should().BeLessThan(15);
        At(image, 2, 28, 8).Should().BeGreaterThan(240, "the stored right half (blue) is at the bottom");
    }

    [Fact]
    public void EXIF_orientation_3_rotates_by_half_a_turn_and_can_be_turned_off()
    {
        DecodedImage upright = ImageDecoder.Decode(Fixture("exif3.jpg"), Rgb);
        DecodedImage stored = ImageDecoder.Decode(Fixture("exif3.jpg"), new ImageDecodeOptions { ApplyExifOrientation = false });

        (upright.Height, upright.Width).Should().Be((16, 32));
        At(upright, 2, 8, 4).Should().BeGreaterThan(240, "blue is on the left once rotated");
        At(upright, 0, 8, 28).Should().BeGreaterThan(240);
        At(stored, 0, 8, 4).Should().BeGreaterThan(240, "without orientation the stored red left half stays left");
    }

    [Fact]
    public void Resize_and_centre_crop_give_the_requested_square_from_any_aspect_ratio()
    {
        var options = new ImageDecodeOptions { ShorterSide = 12, CenterCrop = 10 };
        DecodedImage wide = ImageDecoder.Decode(Fixture("exif3.jpg"), options);
        DecodedImage tall = ImageDecoder.Decode(Fixture("exif6.jpg"), options);

        (wide.Channels, wide.Height, wide.Width).Should().Be((3, 10, 10));
        (tall.Height, tall.Width).Should().Be((10, 10));
        At(tall, 0, 0, 5).Should().BeGreaterThan(200, "the tall image's top rows are red");
        At(tall, 2, 9, 5).Should().BeGreaterThan(200, "and its bottom rows blue");
    }

    [Theory]
    [InlineData("rgb16.png", 5, 4)]
    [InlineData("cmyk.jpg", 11, 7)]
    [InlineData("exif3.jpg", 9, 9)]
    [InlineData("palette.png", 3, 2)]
    public void A_centre_crop_gives_the_centre_of_the_resized_image(string fixture, int side, int crop)
    {
        DecodedImage whole = ImageDecoder.Decode(Fixture(fixture), new ImageDecodeOptions { ShorterSide = side });
        DecodedImage cropped = ImageDecoder.Decode(Fixture(fixture), new ImageDecodeOptions { ShorterSide = side, CenterCrop = crop });

        int top = (int)Math.Round((whole.Height - crop) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((whole.Width - crop) / 2.0, MidpointRounding.ToEven);
        (cropped.Height, cropped.Width).Should().Be((crop, crop));
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < crop; y++)
            {
                for (int x = 0; x < crop; x++)
                {
                    At(cropped, c, y, x).Should().Be(At(whole, c, y + top, x + left));
                }
            }
        }
    }

    [Fact]
    public void An_empty_file_is_reported_with_its_name()
    {
        using var dir = new TempDirectory();
        string path = dir.File("empty.jpg");
        File.WriteAllBytes(path, Array.Empty<byte>());

        var act = () => ImageDecoder.Decode(path, Rgb);
        act.Should().Throw<ImageDecodeException>().Where(e => e.File == path).WithMessage("*empty.jpg: the file is empty (0 bytes).");
    }

    [Fact]
    public void A_text_file_with_an_image_extension_is_reported_as_not_an_image()
    {
        using var dir = new TempDirectory();
        string path = dir.File("notes.png");
        File.WriteAllText(path, "these are not pixels");

        var act = () => ImageDecoder.Decode(path, Rgb);
        act.Should().Throw<ImageDecodeException>().WithMessage("*notes.png: not an image*7468657365206172...*");
    }

    [Theory]
    [InlineData(SkiaSharp.SKEncodedImageFormat.Jpeg)]
    [InlineData(SkiaSharp.SKEncodedImageFormat.Png)]
    public void A_file_cut_short_in_its_image_data_is_reported_as_truncated(SkiaSharp.SKEncodedImageFormat format)
    {
        using var dir = new TempDirectory();
        byte[] whole = NoiseImage(format);
        string path = dir.File("cut." + format.ToString().ToLowerInvariant());
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length * 7 / 10).ToArray());

        var act = () => ImageDecoder.Decode(path, Rgb);
        act.Should().Throw<ImageDecodeException>().Where(e => e.File == path).WithMessage("*data is truncated*");
    }

    [Theory]
    [InlineData("exif6.jpg", "JPEG")]
    [InlineData("rgb16.png", "PNG")]
    public void A_file_cut_short_in_its_header_is_reported_by_format(string fixture, string format)
    {
        using var dir = new TempDirectory();
        string path = dir.File("head-" + fixture);
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture(fixture)).AsSpan(0, 30).ToArray());

        var act = () => ImageDecoder.Decode(path, Rgb);
        act.Should().Throw<ImageDecodeException>().WithMessage($"*starts like a {format} but its header is truncated or corrupt (30 bytes)*");
    }

    [Fact]
    public void A_PNG_with_corrupt_image_data_is_reported()
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(Fixture("rgb16.png"));
        int idat = IndexOf(bytes, "IDAT"u8.ToArray());
        for (int i = idat + 10; i < idat + 60; i++)
        {
            bytes[i] ^= 0x5A;
        }

        string path = dir.File("corrupt.png");
        File.WriteAllBytes(path, bytes);

        var act = () => ImageDecoder.Decode(path, Rgb);
        act.Should().Throw<ImageDecodeException>().Where(e => e.File == path).WithMessage("*corrupt.png: *PNG*");
    }

    [Fact]
    public void A_crop_larger_than_an_unresized_image_is_reported_with_the_fix()
    {
        var act = () => ImageDecoder.Decode(Fixture("palette.png"), new ImageDecodeOptions { CenterCrop = 7 });
        act.Should().Throw<ImageDecodeException>().WithMessage("*8 x 6*7 x 7 central crop*ShorterSide*");
    }

    [Fact]
    public void Bytes_and_streams_decode_like_the_file()
    {
        string path = Fixture("rgb16.png");
        DecodedImage fromFile = ImageDecoder.Decode(path, Rgb);
        DecodedImage fromBytes = ImageDecoder.Decode(File.ReadAllBytes(path), Rgb);
        using var stream = File.OpenRead(path);
        DecodedImage fromStream = ImageDecoder.Decode(stream, Rgb);

        fromBytes.Pixels.Should().Equal(fromFile.Pixels);
        fromStream.Pixels.Should().Equal(fromFile.Pixels);
    }

    [Fact]
    public void Invalid_decode_options_are_refused_with_the_option_named()
    {
        var act = () => ImageDecoder.Decode(Fixture("rgb16.png"), new ImageDecodeOptions { Channels = 2, ShorterSide = 8, CenterCrop = 9 });
        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .WithMessage("*Channels must be 1 (grayscale) or 3 (RGB); got 2*CenterCrop (9) must not exceed ShorterSide (8)*");
    }

    /// <summary>A 96 x 96 pseudo-random RGB image encoded as <paramref name="format"/>: mostly compressed data, little header.</summary>
    private static byte[] NoiseImage(SkiaSharp.SKEncodedImageFormat format)
    {
        using var bitmap = new SkiaSharp.SKBitmap(96, 96, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Opaque);
        var random = new Random(7);
        for (int y = 0; y < 96; y++)
        {
            for (int x = 0; x < 96; x++)
            {
                bitmap.SetPixel(x, y, new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static int IndexOf(byte[] bytes, byte[] pattern)
    {
        for (int i = 0; i + pattern.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        throw new InvalidOperationException("pattern not found");
    }
}
