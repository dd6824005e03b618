using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>
/// The matrix-product resize used for small images agrees with LibTorch's interpolate (the path for large ones) to float32
/// rounding: a few units in the last place of values in [0, 1].
/// </summary>
public class ResizeWeightsTests
{
    [Theory]
    [InlineData(32, 32, 227, 227, false)]
    [InlineData(28, 28, 64, 64, false)]
    [InlineData(32, 40, 17, 9, false)]
    [InlineData(32, 40, 17, 9, true)]
    [InlineData(9, 11, 30, 5, true)]
    [InlineData(7, 7, 7, 7, true)]
    [InlineData(8, 40, 30, 50, false)]
    public void Matrix_products_give_interpolates_values(int height, int width, int outputHeight, int outputWidth, bool antialias)
    {
        using var images = rand(new long[] { 2, 3, height, width }, generator: new Generator(3));
        using var expected = nn.functional.interpolate(images, new long[] { outputHeight, outputWidth }, mode: InterpolationMode.Bilinear, align_corners: false, antialias: antialias);

        using var actual = ResizeWeights.Resize(images, outputHeight, outputWidth, antialias);

        actual.ShouldBeWithin(expected, 2e-6);
    }

    [Fact]
    public void A_batch_over_32_MB_written_into_a_huge_page_tensor_gives_interpolates_values()
    {
        // 128 x 3 x 227 x 227 float32 is 79 MB: the output is allocated with the huge-page hint and filled in place.
        using var images = rand(new long[] { 128, 3, 32, 32 }, generator: new Generator(4));
        using var expected = nn.functional.interpolate(images, new long[] { 227, 227 }, mode: InterpolationMode.Bilinear, align_corners: false);

        using var actual = ResizeWeights.Resize(images, 227, 227, antialias: false);

        (actual.NumberOfElements * actual.ElementSize).Should().BeGreaterThanOrEqualTo(HugePageHint.MinimumBytes);
        actual.ShouldBeWithin(expected, 2e-6);
    }

    [Fact]
    public void Double_precision_batches_stay_double_and_give_interpolates_values()
    {
        using var images = rand(new long[] { 2, 3, 16, 16 }, ScalarType.Float64, generator: new Generator(5));
        using var expected = nn.functional.interpolate(images, new long[] { 50, 40 }, mode: InterpolationMode.Bilinear, align_corners: false);

        using var actual = ResizeWeights.Resize(images, 50, 40, antialias: false);

        actual.dtype.Should().Be(ScalarType.Float64);
        actual.ShouldBeWithin(expected, 2e-6); // the weights are float32, as the transforms compute in float32
    }

    [Fact]
    public void Small_inputs_use_matrices_and_large_ones_interpolate()
    {
        ResizeWeights.PreferMatrices(32, 32, 227, 227).Should().BeTrue();
        ResizeWeights.PreferMatrices(28, 28, 227, 227).Should().BeTrue();
        ResizeWeights.PreferMatrices(375, 500, 256, 341).Should().BeFalse();
    }
}
