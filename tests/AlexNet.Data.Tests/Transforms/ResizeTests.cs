using AlexNet.Core.Abstractions;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>A resize to the images' own size returns their values unchanged, in their dtype.</summary>
public class ResizeTests
{
    [Theory]
    [InlineData(ScalarType.Byte, 32, 40, false)]
    [InlineData(ScalarType.Byte, 300, 400, true)]
    [InlineData(ScalarType.Float32, 32, 40, false)]
    [InlineData(ScalarType.Float32, 300, 400, true)]
    [InlineData(ScalarType.Float64, 7, 7, true)]
    public void A_same_size_resize_returns_the_values_and_dtype_it_was_given(ScalarType dtype, int height, int width, bool antialias)
    {
        using var floats = rand(new long[] { 2, 3, height, width }, generator: new Generator(6));
        using var images = dtype == ScalarType.Byte ? floats.mul(255).round_().to(ScalarType.Byte) : floats.to(dtype);

        using var resized = ImageTransforms.Resize(new ImageSize(height, width), antialias).Apply(images, seed: 0);

        resized.ShouldEqualExactly(images);

        // Interpolating at scale 1 (in float32 for uint8, as Resize otherwise does) gives the same values.
        using var computeIn = images.to(dtype == ScalarType.Byte ? ScalarType.Float32 : dtype);
        using var interpolated = nn.functional.interpolate(computeIn, new long[] { height, width }, mode: InterpolationMode.Bilinear, align_corners: false, antialias: antialias);
        using var products = ResizeWeights.Resize(computeIn, height, width, antialias);
        interpolated.ShouldEqualExactly(computeIn);
        products.ShouldEqualExactly(computeIn);
    }

    [Fact]
    public void A_same_size_resize_of_a_single_image_keeps_its_shape()
    {
        using var image = randint(0, 256, new long[] { 3, 5, 6 }, dtype: ScalarType.Byte, generator: new Generator(7));

        using var resized = ImageTransforms.Resize(new ImageSize(5, 6)).Apply(image, seed: 0);

        resized.ShouldEqualExactly(image);
    }
}
