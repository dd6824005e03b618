using System;
using System.Linq;
using AlexNet.Core.Models.Weights;
using AlexNet.Data.Datasets;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>The evaluation pipeline built from a weights entry, against the same pipeline built by hand.</summary>
public class EvaluationPipelineTests
{
    private static Tensor Images(long n, long c, long h, long w) =>
        randint(0, 256, new[] { n, c, h, w }, dtype: ScalarType.Byte, generator: new Generator(23));

    [Fact]
    public void ImageNet_evaluation_is_resize_256_center_crop_224_float_normalize()
    {
        var pipeline = (Compose)StandardPipelines.Evaluation(KnownWeights.ImageNet);

        pipeline.Transforms.Select(t => t.GetType().Name).Should().Equal("Resize", "CenterCrop", "ToFloat", "Normalize");
        var byHand = new Compose(
            new Resize(256), new CenterCrop(224), new ToFloat(), new Normalize(new[] { 0.485f, 0.456f, 0.406f }, new[] { 0.229f, 0.224f, 0.225f }));
        using var images = Images(3, 3, 300, 260);
        using var expected = byHand.Apply(images, seed: 0);

        using var output = pipeline.Apply(images, seed: 0);

        output.shape.Should().Equal(3, 3, 224, 224);
        output.ShouldEqualExactly(expected);
    }

    [Fact]
    public void Cifar10_evaluation_equals_the_cifar_batch_norm_test_pipeline()
    {
        using var images = Images(4, 3, 32, 32);
        using var expected = StandardPipelines.CifarBatchNormTest().Apply(images, seed: 0);

        using var output = StandardPipelines.Evaluation(KnownWeights.Cifar10, StandardPipelines.Cifar10Images).Apply(images, seed: 0);

        output.ShouldEqualExactly(expected);
    }

    [Fact]
    public void Fashion_mnist_evaluation_equals_the_one_channel_pipeline_at_28()
    {
        using var images = Images(4, 1, 28, 28);
        using var expected = StandardPipelines.FashionMnist1Channel(28).Apply(images, seed: 0);

        using var output = StandardPipelines.Evaluation(KnownWeights.FashionMnist, StandardPipelines.FashionMnistImages).Apply(images, seed: 0);

        output.ShouldEqualExactly(expected);
    }

    [Fact]
    public void Given_images_the_pipeline_is_checked_against_them_when_built()
    {
        FluentActions.Invoking(() => StandardPipelines.Evaluation(KnownWeights.Cifar10, StandardPipelines.FashionMnistImages))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => StandardPipelines.Evaluation(KnownWeights.ImageNet, new ImageSpec(ScalarType.Byte, 3, 100, 100)))
            .Should().NotThrow("the resize to 256 comes before the 224 crop");
    }

    [Fact]
    public void The_datasets_class_names_are_the_weights_entries_categories()
    {
        FashionMnist.Classes.Should().Equal(KnownWeights.FashionMnist.Categories);
        Cifar10.Classes.Should().Equal(KnownWeights.Cifar10.Categories);
    }
}
