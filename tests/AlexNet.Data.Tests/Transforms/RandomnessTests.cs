using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>Statistical checks of the random transforms: rates, ranges, per-image independence and seeding.</summary>
public class RandomnessTests
{
    /// <summary>Images 1 x 1 x 2 holding (0, 1): a flipped image starts with 1.</summary>
    private static Tensor Ramps(int count) => arange(2, dtype: ScalarType.Float32).view(1, 1, 1, 2).expand(count, 1, 1, 2).contiguous();

    /// <summary>Asserts that <paramref name="hits"/> of <paramref name="trials"/> is within 4.5 standard deviations of a Binomial(trials, p).</summary>
    private static void ShouldBeBinomial(long hits, long trials, double p)
    {
        double sigma = Math.Sqrt(trials * p * (1 - p));
        Math.Abs(hits - (trials * p)).Should().BeLessThan(4.5 * sigma, $"{hits} of {trials} should be close to p = {p}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.2)]
    public void RandomHorizontalFlip_flips_a_fraction_p_of_the_images(double p)
    {
        using var images = Ramps(20_000);

        using var flipped = ImageTransforms.RandomHorizontalFlip(p).Apply(images, seed: 7);

        using var firstIsOne = flipped.select(3, 0).eq(1).sum();
        ShouldBeBinomial(firstIsOne.item<long>(), 20_000, p);
    }

    [Fact]
    public void RandomHorizontalFlip_draws_each_image_independently_within_a_batch()
    {
        using var images = Ramps(20_000);

        using var flipped = ImageTransforms.RandomHorizontalFlip(0.5).Apply(images, seed: 11);

        using var flags = flipped.select(3, 0).flatten().eq(1);
        using var bothFlipped = flags.narrow(0, 0, 19_999).logical_and(flags.narrow(0, 1, 19_999)).sum();
        ShouldBeBinomial(bothFlipped.item<long>(), 19_999, 0.25);
    }

    [Fact]
    public void Probabilities_zero_and_one_never_and_always_apply()
    {
        using var images = Ramps(500);

        using var never = ImageTransforms.RandomHorizontalFlip(0).Apply(images, seed: 1);
        using var always = ImageTransforms.RandomHorizontalFlip(1).Apply(images, seed: 1);

        never.ShouldEqualExactly(images);
        using var mirrored = images.flip(3);
        always.ShouldEqualExactly(mirrored);
    }

    [Fact]
    public void RandomGrayscale_turns_a_fraction_p_of_rgb_images_gray()
    {
        using var red = zeros(10_000, 3, 1, 1);
        red.select(1, 0).fill_(1);

        using var output = ImageTransforms.RandomGrayscale(0.3).Apply(red, seed: 3);

        using var gray = output.select(1, 1).gt(0).sum();
        ShouldBeBinomial(gray.item<long>(), 10_000, 0.3);
    }

    [Fact]
    public void RandomCrop_offsets_cover_every_position_uniformly_and_vary_within_a_batch()
    {
        // Pixel value = row * 7 + column, so the crop's first pixel tells its offset. Padded 1 on each side: 8 x 9.
        using var positions = arange(42, dtype: ScalarType.Float32).view(1, 1, 6, 7).add(1).expand(6000, 1, 6, 7).contiguous();
        var crop = ImageTransforms.RandomCrop(new ImageSize(3, 4), padding: 1);

        using var cropped = crop.Apply(positions, seed: 5);

        // Offsets: top in [0, 5], left in [0, 5] of the padded image; the pixel at (1, 1) of the crop is inside the image.
        using var inner = cropped.select(2, 1).select(2, 1).flatten().to(ScalarType.Int64).sub(1);
        long[] values = inner.data<long>().ToArray();
        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        counts.Should().HaveCount(36, "every (top, left) in 6 x 6 positions appears");
        double expected = 6000 / 36.0;
        double chiSquare = counts.Values.Sum(n => (n - expected) * (n - expected) / expected);
        chiSquare.Should().BeLessThan(80, "35 degrees of freedom: the offsets are uniform");
        values.Take(64).Distinct().Count().Should().BeGreaterThan(20, "images of one batch get their own offsets");
    }

    [Fact]
    public void ColorJitter_brightness_factors_are_uniform_over_the_torchvision_range_per_image()
    {
        using var gray = full(new long[] { 5000, 3, 1, 1 }, 0.5f);

        using var output = ImageTransforms.ColorJitter(brightness: 0.4).Apply(gray, seed: 9);

        using var factor = output.select(1, 0).flatten().mul(2);
        factor.min().item<float>().Should().BeInRange(0.6f, 0.61f);
        factor.max().item<float>().Should().BeInRange(1.39f, 1.4f);
        factor.mean().item<float>().Should().BeApproximately(1.0f, 0.01f);
        using var distinct = factor.unique().Item1;
        distinct.shape[0].Should().BeGreaterThan(4900, "each image draws its own factor");
    }

    [Fact]
    public void ColorJitter_draws_all_24_orders_of_its_four_adjustments()
    {
        using var generator = new Generator(4);

        using var orders = RandomDraws.Permutations(10_000, 4, generator);

        using var sorted = orders.sort(1).Values;
        using var identity = arange(4).expand(10_000, 4);
        sorted.ShouldEqualExactly(identity);
        long[] codes = orders.matmul(tensor(new long[] { 1000, 100, 10, 1 })).data<long>().ToArray();
        codes.Distinct().Should().HaveCount(24);
    }

    [Fact]
    public void RandomResizedCrop_boxes_lie_in_the_image_with_areas_and_ratios_in_range()
    {
        var crop = new RandomResizedCrop(8);
        using var generator = new Generator(12);

        (Tensor tops, Tensor lefts, Tensor heights, Tensor widths) = crop.DrawBoxes(20_000, 32, 40, generator);

        using (tops)
        using (lefts)
        using (heights)
        using (widths)
        {
            tops.min().item<long>().Should().Be(0);
            lefts.min().item<long>().Should().Be(0);
            (tops + heights).max().item<long>().Should().BeLessThanOrEqualTo(32);
            (lefts + widths).max().item<long>().Should().BeLessThanOrEqualTo(40);
            heights.min().item<long>().Should().BeGreaterThan(0);
            using var area = (heights * widths).to(ScalarType.Float64) / (32.0 * 40.0);
            area.min().item<double>().Should().BeGreaterThan(0.06);
            area.max().item<double>().Should().BeLessThanOrEqualTo(1.0);
            using var ratio = widths.to(ScalarType.Float64) / heights.to(ScalarType.Float64);
            ratio.min().item<double>().Should().BeGreaterThan(0.5);
            ratio.max().item<double>().Should().BeLessThan(2.0);
            long bottomEdge = (tops + heights).eq(32).sum().item<long>();
            bottomEdge.Should().BeGreaterThan(100, "boxes reach the last row too");
        }
    }

    [Fact]
    public void PcaLighting_coefficients_have_the_papers_standard_deviation_per_image()
    {
        using var black = zeros(4000, 3, 1, 1);
        var components = RgbPrincipalComponents.ImageNet;

        using var shifted = ImageTransforms.PcaLighting(components, alphaStd: 0.1).Apply(black, seed: 21);

        // shift = P (alpha * lambda) with P orthonormal: alpha = (P^T shift) / lambda.
        using var p = tensor(Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 3).Select(k => (float)components.Eigenvector(k)[r])).ToArray(), new long[] { 3, 3 });
        using var shift = shifted.view(4000, 3);
        using var lambda = tensor(components.Eigenvalues.Select(v => (float)v).ToArray());
        using var alpha = shift.matmul(p).div(lambda);
        using var std = alpha.std(0);
        float[] stds = std.data<float>().ToArray();
        stds.Should().AllSatisfy(s => s.Should().BeApproximately(0.1f, 0.006f));
    }

    [Fact]
    public void The_same_seed_reproduces_a_batch_and_other_seeds_differ()
    {
        using var images = randint(0, 256, new long[] { 64, 3, 32, 32 }, dtype: ScalarType.Byte, generator: new Generator(1));
        var pipeline = StandardPipelines.CifarBatchNormTrain();

        using var first = pipeline.Apply(images, seed: 42);
        using var again = pipeline.Apply(images, seed: 42);
        using var other = pipeline.Apply(images, seed: 43);

        again.ShouldEqualExactly(first);
        using var equal = other.eq(first).all();
        equal.item<bool>().Should().BeFalse();
    }

    [Fact]
    public void A_single_image_gets_the_same_result_as_a_batch_of_one()
    {
        using var images = randint(0, 256, new long[] { 1, 3, 32, 32 }, dtype: ScalarType.Byte, generator: new Generator(2));
        var pipeline = StandardPipelines.CifarBatchNormTrain();

        using var batch = pipeline.Apply(images, seed: 8);
        using var single = images.squeeze(0);
        using var alone = pipeline.Apply(single, seed: 8);

        alone.shape.Should().Equal(3, 32, 32);
        using var batched = batch.squeeze(0);
        alone.ShouldEqualExactly(batched);
    }
}
