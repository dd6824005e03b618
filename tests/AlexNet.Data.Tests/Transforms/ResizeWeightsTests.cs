using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>The matrix-product resize used for small images agrees with LibTorch's interpolate (the path for large ones).</summary>
public class ResizeWeightsTests
{
    [Theory]
    [InlineData(32, 32, 227, 227, false)]
    [InlineData(28, 28, 64, 64, false)]
    [InlineData(32, 40, 17, 9, false)]
    [InlineData(32, 40, 17, 9, true)]
    [InlineData(9, 11, 30, 5, true)]
    [InlineData(7, 7, 7, 7, true)]
    public void Matrix_products_give_interpolates_values(int height, int width, int outputHeight, int outputWidth, bool antialias)
    {
        using var images = rand(new long[] { 2, 3, height, width }, generator: new Generator(3));
        using var expected = nn.functional.interpolate(images, new long[] { outputHeight, outputWidth }, mode: InterpolationMode.Bilinear, align_corners: false, antialias: antialias);

        using var actual = ResizeWeights.Resize(images, outputHeight, outputWidth, antialias);

        actual.ShouldBeWithin(expected, 1e-6);
    }

    [Fact]
    public void Small_inputs_use_matrices_and_large_ones_interpolate()
    {
        ResizeWeights.PreferMatrices(32, 32, 227, 227).Should().BeTrue();
        ResizeWeights.PreferMatrices(28, 28, 227, 227).Should().BeTrue();
        ResizeWeights.PreferMatrices(375, 500, 256, 341).Should().BeFalse();
    }
}
