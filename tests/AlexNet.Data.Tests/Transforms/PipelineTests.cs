using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>Pipeline behaviour: ownership of results, specs, single images, grayscale replication, ten-crop averaging, PCA basis.</summary>
public class PipelineTests
{
    private static long LiveTensorsOnThisThread => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void Compose_returns_one_new_tensor_and_frees_every_intermediate()
    {
        using var images = randint(0, 256, new long[] { 16, 3, 12, 12 }, dtype: ScalarType.Byte);
        var pipeline = ImageTransforms.Compose(
            ImageTransforms.RandomCrop(10, padding: 2, paddingMode: PaddingMode.Reflect), ImageTransforms.RandomHorizontalFlip(), ImageTransforms.ToFloat(),
            ImageTransforms.ColorJitter(0.2, 0.2, 0.2, 0.1), ImageTransforms.RandomGrayscale(0.3), ImageTransforms.Normalize(new[] { 0.5f }, new[] { 0.25f }));
        long before = LiveTensorsOnThisThread;

        Tensor output = pipeline.Apply(images, seed: 3);

        LiveTensorsOnThisThread.Should().Be(before + 1, "only the result is alive");
        output.Dispose();
        LiveTensorsOnThisThread.Should().Be(before);
        images.IsInvalid.Should().BeFalse("the input is neither modified nor disposed");
    }

    [Fact]
    public void A_transform_result_joins_the_callers_dispose_scope()
    {
        using var images = zeros(2, 3, 4, 4, dtype: ScalarType.Byte);
        Tensor output;

        using (NewDisposeScope())
        {
            output = ImageTransforms.ToFloat().Apply(images, seed: 0);
        }

        output.IsInvalid.Should().BeTrue();
        images.IsInvalid.Should().BeFalse();
    }

    [Fact]
    public void An_empty_pipeline_returns_an_alias_that_can_be_disposed_on_its_own()
    {
        using var images = ones(1, 1, 2, 2);

        var output = ImageTransforms.Compose().Apply(images, seed: 0);
        output.Dispose();

        images.sum().item<float>().Should().Be(4);
    }

    [Fact]
    public void The_input_is_not_modified_by_in_place_steps()
    {
        using var images = rand(4, 3, 8, 8);
        using var copy = images.clone();

        var pipeline = ImageTransforms.Compose(ImageTransforms.ColorJitter(0.5, 0.5, 0.5, 0.2), ImageTransforms.Normalize(new[] { 0.5f }, new[] { 0.5f }));
        using var _ = pipeline.Apply(images, seed: 1);

        images.ShouldEqualExactly(copy);
    }

    [Fact]
    public void The_pipeline_spec_follows_every_step()
    {
        var pipeline = ImageTransforms.Compose(
            ImageTransforms.Resize(64), ImageTransforms.CenterCrop(new ImageSize(48, 40)), ImageTransforms.ToFloat(), ImageTransforms.Grayscale(3));

        ImageSpec spec = pipeline.GetOutputSpec(new ImageSpec(ScalarType.Byte, 1, 28, 56));

        spec.Should().Be(new ImageSpec(ScalarType.Float32, 3, 48, 40));
    }

    [Fact]
    public void Resize_of_the_shorter_side_keeps_the_aspect_ratio_truncating_the_longer_side_as_torchvision()
    {
        var resize = new Resize(227);

        resize.OutputSize(32, 32).Should().Be(new ImageSize(227, 227));
        resize.OutputSize(375, 500).Should().Be(new ImageSize(227, 302));
        resize.OutputSize(500, 375).Should().Be(new ImageSize(302, 227));
    }

    [Fact]
    public void Grayscale_3_replicates_a_single_channel_for_rgb_models()
    {
        using var images = arange(8, dtype: ScalarType.Float32).view(2, 1, 2, 2);

        using var rgb = ImageTransforms.Grayscale(3).Apply(images, seed: 0);

        rgb.shape.Should().Equal(2, 3, 2, 2);
        for (int c = 0; c < 3; c++)
        {
            using var channel = rgb.narrow(1, c, 1);
            channel.ShouldEqualExactly(images);
        }
    }

    [Fact]
    public void TenCrop_views_average_back_to_one_prediction_per_image()
    {
        var tenCrop = new TenCrop(2);
        using var images = rand(3, 1, 4, 4);
        using var views = tenCrop.CreateViews(images);
        using var predictions = views.sum(new long[] { 1, 2, 3 }).unsqueeze(1);

        using var averaged = tenCrop.AverageViews(predictions);

        views.shape.Should().Equal(30, 1, 2, 2);
        averaged.shape.Should().Equal(3, 1);
        using var manual = predictions.view(10, 3, 1).mean(new long[] { 0 });
        averaged.ShouldBeWithin(manual, 1e-6);
    }

    [Fact]
    public void Principal_components_of_a_dataset_are_the_eigenpairs_of_its_rgb_covariance()
    {
        // Pixels vary only along (1, 1, 1)/sqrt(3) plus a small independent blue jitter.
        var generator = new Generator(5);
        using var level = randint(0, 200, new long[] { 64, 1, 8, 8 }, dtype: ScalarType.Int64, generator: generator);
        using var blue = randint(0, 20, new long[] { 64, 1, 8, 8 }, dtype: ScalarType.Int64, generator: generator);
        using var rgb = cat(new[] { level, level, level + blue }, 1).to(ScalarType.Byte);
        using var dataset = new ImageDataset(rgb.clone(), zeros(64, dtype: ScalarType.Int64), new[] { "x" }, "toy");

        var components = RgbPrincipalComponents.FromDataset(dataset, imagesPerChunk: 10);

        // Check the decomposition against the covariance computed directly.
        using var pixels = rgb.to(ScalarType.Float64).div(255).transpose(0, 1).reshape(3, -1);
        using var covariance = pixels.cov(correction: 0);
        for (int k = 0; k < 3; k++)
        {
            using var v = tensor(components.Eigenvector(k).ToArray());
            using var cv = covariance.matmul(v);
            using var lv = v * components.Eigenvalues[k];
            cv.ShouldBeWithin(lv, 1e-9);
        }

        components.Eigenvalues[0].Should().BeGreaterThan(components.Eigenvalues[1]);
        components.Eigenvalues[1].Should().BeGreaterThanOrEqualTo(components.Eigenvalues[2]);
        Math.Abs(components.Eigenvector(0)[0]).Should().BeApproximately(1 / Math.Sqrt(3), 0.02);
    }
}
