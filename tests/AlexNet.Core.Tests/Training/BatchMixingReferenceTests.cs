using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Training;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>
/// Mixup / CutMix against timm's formulas with the draws given (tests/fixtures/mixing, made by
/// make_mixing_fixtures.py, which writes timm's Mixup functions out in torch): the mixed batch and the soft targets are
/// bitwise equal, box clipping and the corrected weight included.
/// </summary>
public class BatchMixingReferenceTests
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(
        File.ReadAllText(RepositoryFile.Find(Path.Combine("tests", "fixtures", "mixing", "mixing_fixtures.json")))));

    [Theory]
    [InlineData("batch_mixup")]
    [InlineData("batch_cutmix_clipped_corrected")]
    [InlineData("batch_cutmix_clipped_uncorrected")]
    [InlineData("batch_cutmix_min_max")]
    [InlineData("batch_not_applied")]
    [InlineData("elem_mixed_kinds")]
    [InlineData("pair_mixed_kinds")]
    [InlineData("pair_six_rows_smoothing_zero")]
    public void Mixed_images_and_soft_targets_equal_timms_with_the_same_draws(string name)
    {
        JsonElement c = Document.Value.RootElement.GetProperty("cases").GetProperty(name);
        var mode = c.GetProperty("mode").GetString() switch
        {
            "batch" => BatchMixingMode.Batch,
            "pair" => BatchMixingMode.Pair,
            _ => BatchMixingMode.Element,
        };
        bool minMax = c.GetProperty("min_max").GetBoolean();
        var options = new BatchMixingOptions
        {
            CutMixAlpha = 1,
            Mode = mode,
            CorrectLambda = c.GetProperty("correct_lam").GetBoolean(),
            CutMixMinRatio = minMax ? 0.2 : 0,
            CutMixMaxRatio = minMax ? 0.8 : 0,
        };
        using var images = Read(c, "images");
        using var labels = Read(c, "labels");
        using var expectedImages = Read(c, "expected_images");
        using var expectedTargets = Read(c, "expected_targets");
        long h = images.shape[2];
        long w = images.shape[3];
        var groups = c.GetProperty("groups").EnumerateArray().Select(g => Group(g, options, h, w)).ToArray();

        var mixer = BatchMixer.ForRows(groups, mode, (int)images.shape[0]);
        using var mixed = mixer.MixImages(images);
        using var targets = mixer.SoftTargets(labels, c.GetProperty("classes").GetInt64(), c.GetProperty("smoothing").GetDouble());

        ShouldEqualBitwise(mixed, expectedImages);
        ShouldEqualBitwise(targets, expectedTargets);
    }

    [Fact]
    public void The_clipped_box_and_its_corrected_weight_are_timms()
    {
        // 5 x 6 image, lambda 0.6: sides int(5 * sqrt(0.4)) = 3 and int(6 * sqrt(0.4)) = 3; centre (1, 5):
        // rows 1 - 1 .. 1 + 1 = [0, 2), columns 5 - 1 .. 5 + 1 = [4, 6) after clipping 6 to the width.
        var box = CutMixBox.Centered(5, 6, 0.6, 1, 5);

        box.Should().Be(new CutMixBox(0, 2, 4, 6));
        box.CorrectedLambda(5, 6).Should().Be(1.0 - (4.0 / 30.0));
    }

    private static BatchMixDraw Group(JsonElement g, BatchMixingOptions options, long h, long w)
    {
        double lambda = g.GetProperty("lam").GetDouble();
        if (options.Mode != BatchMixingMode.Batch)
        {
            lambda = (float)lambda;
        }

        if (!g.GetProperty("apply").GetBoolean())
        {
            return BatchMixDraw.None;
        }

        if (!g.GetProperty("cutmix").GetBoolean())
        {
            return BatchMixDraw.Mixup(lambda);
        }

        long[] box = g.GetProperty("box").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        double[] u = options.UsesMinMaxBox ? MinMaxUniforms(box, options, h, w) : new[] { Uniform(box[0], h), Uniform(box[1], w), 0, 0 };
        return BatchMixSampler.PlaceBox(options, lambda, h, w, u);
    }

    /// <summary>The uniform numbers that the sampler turns into these side lengths and this corner.</summary>
    private static double[] MinMaxUniforms(long[] box, BatchMixingOptions options, long h, long w)
    {
        var (hLow, hHigh) = CutMixBox.SideRange(h, options.CutMixMinRatio, options.CutMixMaxRatio);
        var (wLow, wHigh) = CutMixBox.SideRange(w, options.CutMixMinRatio, options.CutMixMaxRatio);
        return new[] { Uniform(box[0] - hLow, hHigh - hLow), Uniform(box[1] - wLow, wHigh - wLow), Uniform(box[2], h - box[0]), Uniform(box[3], w - box[1]) };
    }

    private static double Uniform(long k, long n) => (k + 0.5) / n;

    private static Tensor Read(JsonElement c, string key)
    {
        JsonElement t = c.GetProperty(key);
        long[] shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        JsonElement data = t.GetProperty("data");
        return t.GetProperty("dtype").GetString() == "int64"
            ? tensor(data.EnumerateArray().Select(e => e.GetInt64()).ToArray(), shape)
            : tensor(data.EnumerateArray().Select(e => e.GetSingle()).ToArray(), shape);
    }

    private static void ShouldEqualBitwise(Tensor actual, Tensor expected)
    {
        actual.shape.Should().Equal(expected.shape);
        using var difference = actual.sub(expected).abs().max();
        using var equal = actual.eq(expected).all();
        equal.item<bool>().Should().BeTrue($"largest difference {difference.item<float>()}");
    }
}
