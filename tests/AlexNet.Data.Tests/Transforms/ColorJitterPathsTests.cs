using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>The fused CPU kernel and the tensor-operation path (used on other devices) of ColorJitter agree.</summary>
public class ColorJitterPathsTests
{
    [Theory]
    [InlineData(3, 9, 13)]
    [InlineData(3, 32, 32)]
    [InlineData(1, 7, 5)]
    public void The_cpu_kernel_and_the_tensor_path_give_the_same_images(int channels, int height, int width)
    {
        using var images = rand(new long[] { 64, channels, height, width }, generator: new Generator(8));
        var kernel = ImageTransforms.ColorJitter(0.4, 0.4, 0.4, 0.5);
        var tensorOps = new ColorJitter(0.4, 0.4, 0.4, 0.5) { UseCpuKernel = false };

        using var a = kernel.Apply(images, seed: 6);
        using var b = tensorOps.Apply(images, seed: 6);

        a.ShouldBeWithin(b, 2e-6);
        using var changed = a.sub(images).abs().max();
        changed.item<float>().Should().BeGreaterThan(0.1f);
    }
}
