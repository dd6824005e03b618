using System;
using System.IO;
using System.Threading.Tasks;
using AlexNet.Data.Images;
using AlexNet.Data.Tests.Images.Support;
using Microsoft.Extensions.Options;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// Issue 20, items 2 and 3: small files that decode to huge images. Each decode runs in a child process
/// (AlexNet.ImageDecodeProbe), so a memory corruption ends only the child and its peak resident memory is its own.
/// </summary>
public sealed class DecoderLimitTests : IDisposable
{
    /// <summary>Above a small PNG's decode in the same probe (runtime, SkiaSharp and libtorch loaded): what a refused file may add.</summary>
    private const long RefusedExtraRssKb = 150 * 1024;

    private const long RefusedManagedBytes = 64L << 20;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(10_000, "none")]     // int arithmetic wrapped negative: OverflowException
    [InlineData(17_000, "none")]     // wrapped positive: a write past the buffer, AccessViolation, exit 134
    [InlineData(17_000, "default")]
    public async Task A_thin_png_resized_without_a_crop_ends_with_a_typed_error_not_a_crash(int height, string maxPixels)
    {
        string file = _dir.File($"thin-{height}.png");
        HostileImages.WriteBlackPng(file, 1, height);

        DecodeProbeResult result = await DecodeProbeResult.RunAsync(file, "256", "-", maxPixels);

        result.ExitCode.Should().Be(0, result.Output);
        result.Outcome.Should().StartWith("refused resizing the 1 x " + height.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        result.Outcome.Should().Contain(
            maxPixels == "none" ? "more than one buffer can hold; set CenterCrop" : "more than ImageDecodeOptions.MaxImagePixels (89,478,485)");
    }

    [Fact]
    public async Task Huge_images_are_refused_from_their_header_or_resized_size_with_bounded_memory()
    {
        string small = _dir.File("small.png");
        File.WriteAllBytes(small, HostileImages.SmallPng());
        DecodeProbeResult baseline = await DecodeProbeResult.RunAsync(small, "256", "224", "default");
        baseline.Outcome.Should().Be("decoded 3 224 224", baseline.Output);

        string thin = _dir.File("thin.png");
        HostileImages.WriteBlackPng(thin, 1, 1_000_000);
        new FileInfo(thin).Length.Should().BeLessThan(4096, "a 1 x 1,000,000 PNG of zeros compresses to about 2 KB");
        string square = _dir.File("square.png");
        HostileImages.WriteBlackPng(square, 20_000, 20_000);
        string jpeg = _dir.File("claims.jpg");
        File.WriteAllBytes(jpeg, HostileImages.ClaimingJpeg(65_000, 65_000));
        new FileInfo(jpeg).Length.Should().BeLessThan(2048);
        string claims = _dir.File("claims.png");
        HostileImages.WriteClaimingPng(claims, 100_000, 100_000);
        string huge = _dir.File("huge.png");
        HostileImages.WriteClaimingPng(huge, 1_000_000, 1_000_000); // libpng's largest width: 4 TB of RGBA, which no machine allocates

        var cases = new (string File, string Side, string Crop, string MaxPixels, string Expected)[]
        {
            (thin, "256", "-", "default", "refused resizing the 1 x 1,000,000 image to a shorter side of 256 gives 256 x 256,000,000"),
            (square, "-", "-", "default", "refused the Png header gives 20,000 x 20,000 = 400,000,000 pixels, more than ImageDecodeOptions.MaxImagePixels"),
            (square, "256", "224", "default", "refused the Png header gives 20,000 x 20,000"),
            (jpeg, "256", "224", "default", "refused the Jpeg header gives 65,000 x 65,000 = 4,225,000,000 pixels"),
            (claims, "-", "-", "default", "refused the Png header gives 100,000 x 100,000"),
            (huge, "-", "-", "none", "refused SkiaSharp could not allocate the pixels the header asks for (Unable to allocate pixels for the bitmap.)"),
        };
        foreach (var c in cases)
        {
            DecodeProbeResult result = await DecodeProbeResult.RunAsync(c.File, c.Side, c.Crop, c.MaxPixels);
            string because = $"{Path.GetFileName(c.File)} {c.Side}/{c.Crop}/{c.MaxPixels}: {result.Output}";
            result.ExitCode.Should().Be(0, because);
            result.Outcome.Should().StartWith(c.Expected, because);
            result.PeakRssKb.Should().BeLessThan(baseline.PeakRssKb + RefusedExtraRssKb, because);
            result.ManagedAllocatedBytes.Should().BeLessThan(RefusedManagedBytes, because);
        }
    }

    [Fact]
    public async Task A_valid_one_by_a_million_png_with_the_samples_crop_decodes_in_bounded_memory()
    {
        string small = _dir.File("small.png");
        File.WriteAllBytes(small, HostileImages.SmallPng());
        DecodeProbeResult baseline = await DecodeProbeResult.RunAsync(small, "256", "224", "default");
        string thin = _dir.File("thin.png");
        HostileImages.WriteBlackPng(thin, 1, 1_000_000);

        DecodeProbeResult result = await DecodeProbeResult.RunAsync(thin, "256", "224", "default");

        result.Outcome.Should().Be("decoded 3 224 224", result.Output);
        result.PeakRssKb.Should().BeLessThan(baseline.PeakRssKb + RefusedExtraRssKb, result.Output);
        result.ManagedAllocatedBytes.Should().BeLessThan(RefusedManagedBytes, result.Output);
    }

    [Fact]
    public void The_pixel_limit_is_configurable_and_validated()
    {
        byte[] png = HostileImages.SmallPng(); // 16 x 16 = 256 pixels

        var refused = () => ImageDecoder.Decode(png, new ImageDecodeOptions { MaxImagePixels = 255 }, "small.png");
        refused.Should().Throw<ImageDecodeException>().Which.Problem.Should()
            .Be("the Png header gives 16 x 16 = 256 pixels, more than ImageDecodeOptions.MaxImagePixels (255); refused before decoding as a possible "
                + "decompression bomb (raise the limit for a trusted file)");
        ImageDecoder.Decode(png, new ImageDecodeOptions { MaxImagePixels = 256 }, "small.png").Width.Should().Be(16);
        ImageDecoder.Decode(png, new ImageDecodeOptions { MaxImagePixels = null }, "small.png").Width.Should().Be(16);
        new ImageDecodeOptions().MaxImagePixels.Should().Be(89_478_485, "Pillow's Image.MAX_IMAGE_PIXELS");

        var invalid = () => ImageDecoder.Decode(png, new ImageDecodeOptions { MaxImagePixels = 0 }, "small.png");
        invalid.Should().Throw<OptionsValidationException>().WithMessage("*MaxImagePixels*at least 1 when set*");
    }

    [Fact]
    public void The_resized_size_counts_against_the_limit_only_without_a_crop()
    {
        byte[] png = HostileImages.SmallPng();

        var refused = () => ImageDecoder.Decode(png, new ImageDecodeOptions { ShorterSide = 32, MaxImagePixels = 1000 }, "small.png");
        refused.Should().Throw<ImageDecodeException>().Which.Problem.Should()
            .StartWith("resizing the 16 x 16 image to a shorter side of 32 gives 32 x 32 = 1,024 pixels");
        ImageDecoder.Decode(png, new ImageDecodeOptions { ShorterSide = 32, CenterCrop = 30, MaxImagePixels = 1000 }, "small.png").Width.Should().Be(30);
    }
}
