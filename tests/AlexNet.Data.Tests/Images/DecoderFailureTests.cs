using System;
using System.IO;
using System.Linq;
using AlexNet.Data.Images;
using AlexNet.Data.Tests.Images.Support;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// Issue 20, item 4: every decoder failure is an <see cref="ImageDecodeException"/> naming the file, and skipping is
/// honoured for all of them in parallel loading and prediction; random damage to small files gives nothing else.
/// </summary>
public sealed class DecoderFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public DecoderFailureTests()
    {
        Directory.CreateDirectory(_dir.File("a"));
        for (int i = 0; i < 6; i++)
        {
            File.WriteAllBytes(Path.Combine(_dir.File("a"), $"ok{i}.png"), HostileImages.SmallPng());
        }

        File.WriteAllBytes(Path.Combine(_dir.File("a"), "claims.jpg"), HostileImages.ClaimingJpeg(65_000, 65_000));
        HostileImages.WriteClaimingPng(Path.Combine(_dir.File("a"), "claims.png"), 100_000, 100_000);
        HostileImages.WriteBlackPng(Path.Combine(_dir.File("a"), "thin.png"), 1, 20_000);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Without_skipping_the_parallel_load_throws_the_files_decode_error_not_an_aggregate()
    {
        var dataset = ImageFolder.Scan(_dir.Path, new ImageFolderOptions { Decode = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 224 } });

        var act = () => dataset.LoadIntoMemory(1L << 30);

        act.Should().Throw<ImageDecodeException>().Which.File.Should().EndWith("claims.jpg");
    }

    [Fact]
    public void With_skipping_every_kind_of_decoder_failure_is_left_out_and_reported_in_parallel_loading()
    {
        // (SkiaSharp's own allocation failure, with no pixel limit, is provoked in a child process: DecoderLimitTests.)
        File.WriteAllBytes(Path.Combine(_dir.File("a"), "text.png"), "not a picture"u8.ToArray());
        File.WriteAllBytes(Path.Combine(_dir.File("a"), "cut.jpg"), HostileImages.SmallJpeg()[..200]);
        var cropped = ImageFolder.Scan(
            _dir.Path, new ImageFolderOptions { SkipUnreadable = true, Decode = new ImageDecodeOptions { ShorterSide = 32, CenterCrop = 32 } });

        using var loaded = cropped.LoadIntoMemory(1L << 30);

        loaded.Count.Should().Be(7, "the six PNGs and the thin one, which a crop makes small");
        cropped.Unreadable.Select(u => Path.GetFileName(u.Path)).Should().Equal("claims.jpg", "claims.png", "cut.jpg", "text.png");
        cropped.Unreadable.Should().OnlyContain(u => u.Reason.Length > 0 && !u.IsOtherSize);
    }

    [Fact]
    public void Prediction_of_a_folder_reports_each_failing_file_and_predicts_the_others()
    {
        var classifier = new ImageClassifier(
            new MeanColour(), new[] { "r", "g", "b", "none" }, new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 }, ImageTransforms.ToFloat());

        var results = classifier.PredictFolder(_dir.Path, top: 1).ToArray();

        results.Should().HaveCount(9);
        results.Where(r => r.Error is null).Should().HaveCount(7);
        results.Single(r => r.Path.EndsWith("claims.jpg", StringComparison.Ordinal)).Error.Should().StartWith("the Jpeg header gives 65,000 x 65,000");
        var single = () => classifier.Predict(Path.Combine(_dir.File("a"), "claims.png"));
        single.Should().Throw<ImageDecodeException>().Which.Problem.Should().StartWith("the Png header gives 100,000 x 100,000");
    }

    [Theory]
    [InlineData("png", 11)]
    [InlineData("jpg", 12)]
    public void Random_damage_to_a_small_image_gives_an_image_or_an_image_decode_exception_only(string format, int seed)
    {
        byte[] original = format == "png" ? HostileImages.SmallPng() : HostileImages.SmallJpeg();
        var random = new Random(seed);
        var options = new[]
        {
            new ImageDecodeOptions(), new ImageDecodeOptions { ShorterSide = 24, CenterCrop = 20 }, new ImageDecodeOptions { ShorterSide = 7, Channels = 1 },
        };
        int decoded = 0, refused = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] mutant = Mutate(original, random);
            try
            {
                DecodedImage image = ImageDecoder.Decode(mutant, options[trial % options.Length], $"mutant-{trial}.{format}");
                image.Pixels.Length.Should().Be(image.Channels * image.Height * image.Width);
                decoded++;
            }
            catch (ImageDecodeException e)
            {
                e.File.Should().Be($"mutant-{trial}.{format}");
                refused++;
            }
        }

        (decoded + refused).Should().Be(400);
        refused.Should().BeGreaterThan(0);
    }

    /// <summary>One to eight changes: a random byte, a header-size byte set to 0xFF, a cut, or a duplicated range.</summary>
    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        int changes = random.Next(1, 9);
        for (int c = 0; c < changes && bytes.Count > 1; c++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[Math.Min(at % 32, bytes.Count - 1)] = 0xFF;
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    int length = random.Next(1, Math.Max(2, bytes.Count - at));
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(length, bytes.Count - at)));
                    break;
            }
        }

        return bytes.ToArray();
    }

    /// <summary>Scores = mean colour per channel, then 0.</summary>
    private sealed class MeanColour : nn.Module<Tensor, Tensor>
    {
        public MeanColour()
            : base(nameof(MeanColour))
        {
        }

        public override Tensor forward(Tensor input) => cat(new[] { input.mean(new long[] { 2, 3 }), zeros(input.shape[0], 1) }, 1);
    }
}
