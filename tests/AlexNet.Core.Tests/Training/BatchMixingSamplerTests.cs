using System.Linq;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>The draws of mixup / CutMix: repeatable from a seed, and distributed as timm draws them.</summary>
public class BatchMixingSamplerTests
{
    [Fact]
    public void The_same_seed_gives_the_same_draws_and_another_seed_other_draws()
    {
        var options = new BatchMixingOptions { MixupAlpha = 0.2, CutMixAlpha = 1.0, Mode = BatchMixingMode.Element };

        var first = Draw(options, 64, seed: 5);
        var again = Draw(options, 64, seed: 5);
        var other = Draw(options, 64, seed: 6);

        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Weights_follow_beta_alpha_alpha_and_the_switch_probability_picks_cutmix()
    {
        var options = new BatchMixingOptions
        {
            MixupAlpha = 1.0, CutMixAlpha = 1.0, SwitchProbability = 0.25, Mode = BatchMixingMode.Element, CorrectLambda = false,
        };

        var draws = Draw(options, 20_000, seed: 1);

        // Beta(1, 1) is uniform: mean 1/2, variance 1/12; standard error of the mean 0.002, of the fraction 0.003.
        double mean = draws.Average(d => d.Lambda);
        mean.Should().BeApproximately(0.5, 0.01);
        draws.Average(d => (d.Lambda - mean) * (d.Lambda - mean)).Should().BeApproximately(1.0 / 12, 0.005);
        draws.Count(d => d.CutMix).Should().BeCloseTo(5_000, 300);
    }

    [Fact]
    public void Probability_zero_mixes_nothing_and_probability_one_half_mixes_about_half()
    {
        Draw(new BatchMixingOptions { MixupAlpha = 1.0, Probability = 0, Mode = BatchMixingMode.Element }, 1000, seed: 2)
            .Should().OnlyContain(d => d == BatchMixDraw.None);
        Draw(new BatchMixingOptions { MixupAlpha = 1.0, Probability = 0.5, Mode = BatchMixingMode.Element }, 10_000, seed: 3)
            .Count(d => d != BatchMixDraw.None).Should().BeCloseTo(5_000, 250);
    }

    [Fact]
    public void Cutmix_alone_draws_only_boxes_inside_the_image_and_corrects_the_weight_to_their_area()
    {
        var options = new BatchMixingOptions { CutMixAlpha = 1.0, Mode = BatchMixingMode.Element };

        var draws = Draw(options, 2000, seed: 4);

        draws.Should().OnlyContain(d => d.CutMix);
        draws.Should().OnlyContain(d => d.Box.Top >= 0 && d.Box.Top <= d.Box.Bottom && d.Box.Bottom <= 10
            && d.Box.Left >= 0 && d.Box.Left <= d.Box.Right && d.Box.Right <= 12);
        draws.Should().OnlyContain(d => d.Lambda == 1.0 - ((double)((d.Box.Bottom - d.Box.Top) * (d.Box.Right - d.Box.Left)) / 120.0));
    }

    [Fact]
    public void A_min_max_box_has_sides_in_the_range_and_lies_inside_the_image()
    {
        var options = new BatchMixingOptions { CutMixMinRatio = 0.3, CutMixMaxRatio = 0.8, Mode = BatchMixingMode.Element };

        var draws = Draw(options, 2000, seed: 5);

        // int(10 * 0.3) = 3 <= side < int(10 * 0.8) = 8; int(12 * 0.3) = 3 <= side < int(12 * 0.8) = 9.
        draws.Should().OnlyContain(d => d.Box.Bottom - d.Box.Top >= 3 && d.Box.Bottom - d.Box.Top < 8 && d.Box.Bottom <= 10);
        draws.Should().OnlyContain(d => d.Box.Right - d.Box.Left >= 3 && d.Box.Right - d.Box.Left < 9 && d.Box.Right <= 12);
        draws.Select(d => d.Box.Top).Distinct().Should().HaveCount(7, "corners run 0 .. 10 - 3 - 1 for the shortest side, 3");
    }

    [Fact]
    public void Pairs_share_one_draw_and_the_middle_row_of_an_odd_batch_is_not_mixed()
    {
        var groups = new[] { BatchMixDraw.Mixup(0.25), BatchMixDraw.Mixup(0.75) };

        var rows = BatchMixer.ForRows(groups, BatchMixingMode.Pair, 5).Rows;

        rows.Select(r => r.Lambda).Should().Equal(0.25, 0.75, 1.0, 0.75, 0.25);
    }

    private static BatchMixDraw[] Draw(BatchMixingOptions options, int count, ulong seed)
    {
        using var generator = new Generator(seed);
        return BatchMixSampler.Draw(options, count, 10, 12, generator);
    }
}
