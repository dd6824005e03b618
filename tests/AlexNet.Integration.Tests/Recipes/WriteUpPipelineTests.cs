using System.Linq;
using AlexNet.Data.Datasets;
using AlexNet.Samples.Common.Recipes;
using AlexNet.Samples.Common.Runs;
using static TorchSharp.torch;

namespace AlexNet.Integration.Tests.Recipes;

/// <summary>The pipelines the write-up recipes build: what each one computes, not only its shape.</summary>
public class WriteUpPipelineTests
{
    private static readonly string[] Classes = Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray();

    [Fact]
    public void Write_up_000s_statistics_are_the_mean_of_per_image_means_and_the_mean_of_per_image_stds()
    {
        // Image A: all 0 (mean 0, std 0). Image B: 0, 255, 0, 255 (mean 0.5, std 0.5). The pixel std of the set would be 0.433.
        using var images = tensor(new byte[] { 0, 0, 0, 0, 0, 255, 0, 255 }).reshape(2, 1, 2, 2);
        using var labels = tensor(new long[] { 0, 1 });
        using var dataset = new ImageDataset(images, labels, Classes, "two images");

        var (mean, std) = PerImageChannelStatistics.Compute(dataset, size: 2);

        mean.Should().Equal(0.25f);
        std.Should().Equal(0.25f);
    }

    [Fact]
    public void Write_up_000s_statistics_are_taken_on_images_resized_to_224()
    {
        using var dataset = SyntheticImages.Create(3, 3, 32, Classes, seed: 2, "tiny");
        using var resized = nn.functional.interpolate(dataset.Images.to(ScalarType.Float32), new long[] { 224, 224 }, mode: InterpolationMode.Bilinear, align_corners: false)
            .round().clamp(0, 255).div(255).to(ScalarType.Float64);

        var (_, std) = PerImageChannelStatistics.Compute(dataset);

        double expected = resized.flatten(2).std(2, false).mean(new long[] { 0 })[0].item<double>();
        std[0].Should().BeApproximately((float)expected, 1e-5f);
    }

    [Fact]
    public void Write_up_001s_pipeline_is_resize_to_227_and_to_tensor_without_normalisation()
    {
        using var dataset = SyntheticImages.Create(4, 1, 28, Classes, seed: 3, "tiny");
        var pipelines = RecipePipelineFactory.Create(RecipeCatalogue.Find("fashion-mnist-001")!, dataset);
        using var generator = new Generator(0);

        using var train = pipelines.Train.Apply(dataset.Images, generator);
        using var test = pipelines.Test.Apply(dataset.Images, generator);

        train.shape.Should().Equal(4, 1, 227, 227);
        train.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        train.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        train.allclose(test, rtol: 0, atol: 0).Should().BeTrue("001 has no augmentation: train and test see the same images");
        pipelines.TestViews.Should().BeNull();
    }

    [Fact]
    public void Write_up_002_leaves_out_its_identity_color_jitter_and_the_intended_variant_jitters()
    {
        using var dataset = SyntheticImages.Create(4, 3, 32, Classes, seed: 4, "tiny");

        string printed = RecipePipelineFactory.Create(RecipeCatalogue.Find("cifar10-002")!, dataset).Train.ToString()!;
        string intended = RecipePipelineFactory.Create(RecipeCatalogue.Find("cifar10-002-jitter")!, dataset).Train.ToString()!;

        printed.Should().NotContain("ColorJitter").And.Contain("RandomGrayscale").And.Contain("RandomCrop");
        intended.Should().Contain("ColorJitter(brightness (0.8, 1.2), contrast (0.8, 1.2), saturation (0.8, 1.2), hue (-0.1, 0.1))");
    }

    [Fact]
    public void Write_up_004_normalises_with_the_cifar_constants_not_the_loaded_images_statistics()
    {
        using var dataset = SyntheticImages.Create(4, 3, 32, Classes, seed: 5, "tiny");

        string train = RecipePipelineFactory.Create(RecipeCatalogue.Find("cifar10-004")!, dataset).Train.ToString()!;

        train.Should().Contain("0.4914").And.Contain("0.2616").And.Contain("RandomHorizontalFlip");
    }
}
