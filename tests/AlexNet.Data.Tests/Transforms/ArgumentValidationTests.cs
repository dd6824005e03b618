using System;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Transforms;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>Bad arguments fail when the transform or pipeline is built, with a message naming the argument.</summary>
public class ArgumentValidationTests
{
    private static readonly ImageSpec Cifar = new(ScalarType.Byte, 3, 32, 32);

    [Fact]
    public void A_crop_larger_than_the_padded_image_fails_when_the_pipeline_is_checked()
    {
        var pipeline = ImageTransforms.Compose(ImageTransforms.RandomCrop(41, padding: 4), ImageTransforms.ToFloat());

        var act = () => pipeline.GetOutputSpec(Cifar);

        act.Should().Throw<ArgumentException>().WithParameterName("size")
            .WithMessage("RandomCrop: the crop 41x41 is larger than the padded image 40x40*");
    }

    [Fact]
    public void A_crop_that_fits_only_with_its_padding_is_accepted()
    {
        ImageTransforms.RandomCrop(40, padding: 4).GetOutputSpec(Cifar).Should().Be(new ImageSpec(ScalarType.Byte, 3, 40, 40));
    }

    [Fact]
    public void Applying_a_crop_larger_than_the_padded_image_fails_with_the_same_message()
    {
        using var images = zeros(2, 3, 8, 8, dtype: ScalarType.Byte);

        var act = () => ImageTransforms.RandomCrop(9).Apply(images, seed: 0);

        act.Should().Throw<ArgumentException>().WithParameterName("size");
    }

    [Theory]
    [InlineData(-0.1, 0, 0, 0, "brightness")]
    [InlineData(double.NaN, 0, 0, 0, "brightness")]
    [InlineData(0, -1, 0, 0, "contrast")]
    [InlineData(0, double.NaN, 0, 0, "contrast")]
    [InlineData(0, 0, -0.5, 0, "saturation")]
    [InlineData(0, 0, double.PositiveInfinity, 0, "saturation")]
    [InlineData(0, 0, 0, -0.1, "hue")]
    [InlineData(0, 0, 0, 0.51, "hue")]
    [InlineData(0, 0, 0, double.NaN, "hue")]
    public void Negative_nan_or_out_of_range_jitter_fails_at_construction_naming_the_argument(double brightness, double contrast, double saturation, double hue, string name)
    {
        var act = () => ImageTransforms.ColorJitter(brightness, contrast, saturation, hue);

        act.Should().Throw<ArgumentException>().WithParameterName(name).WithMessage($"{name} *");
    }

    [Fact]
    public void Jitter_factors_follow_torchvision_ranges_clipped_at_zero()
    {
        var jitter = new ColorJitter(brightness: 1.5, contrast: 0.2, saturation: 0, hue: 0.5);

        jitter.Brightness.Should().Be((0.0, 2.5));
        jitter.Contrast!.Value.Min.Should().BeApproximately(0.8, 1e-12);
        jitter.Saturation.Should().BeNull("0 turns the adjustment off, as torchvision's None");
        jitter.Hue.Should().Be((-0.5, 0.5));
    }

    [Fact]
    public void A_mean_whose_length_differs_from_the_channels_fails_when_the_pipeline_is_checked()
    {
        var pipeline = ImageTransforms.Compose(ImageTransforms.ToFloat(), ImageTransforms.Normalize(new[] { 0.5f, 0.5f }, new[] { 0.2f, 0.2f }));

        var act = () => pipeline.GetOutputSpec(Cifar);

        act.Should().Throw<ArgumentException>().WithParameterName("mean").WithMessage("Normalize has 2 means and stds but the images have 3 channels*");
    }

    [Fact]
    public void Mean_and_std_of_different_lengths_fail_at_construction()
    {
        var act = () => ImageTransforms.Normalize(new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.2f, 0.2f });

        act.Should().Throw<ArgumentException>().WithParameterName("std");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.2f)]
    [InlineData(float.NaN)]
    public void A_std_that_is_zero_negative_or_nan_fails_at_construction(float bad)
    {
        var act = () => ImageTransforms.Normalize(new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.2f, bad, 0.2f });

        act.Should().Throw<ArgumentException>().WithParameterName("std").WithMessage("std[1] must be positive and finite*");
    }

    [Fact]
    public void Normalize_of_uint8_images_fails_and_asks_for_ToFloat_first()
    {
        var act = () => ImageTransforms.Normalize(new[] { 0.5f }, new[] { 0.5f }).GetOutputSpec(Cifar);

        act.Should().Throw<ArgumentException>().WithMessage("Normalize works on floating-point images (put ToFloat before it)*");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_probability_outside_zero_to_one_fails_at_construction(double p)
    {
        ((Action)(() => _ = ImageTransforms.RandomHorizontalFlip(p))).Should().Throw<ArgumentException>().WithParameterName("p");
        ((Action)(() => _ = ImageTransforms.RandomGrayscale(p))).Should().Throw<ArgumentException>().WithParameterName("p");
    }

    [Fact]
    public void Reflect_padding_as_large_as_the_image_fails_when_checked()
    {
        var act = () => ImageTransforms.Pad(4, PaddingMode.Reflect).GetOutputSpec(new ImageSpec(ScalarType.Byte, 3, 4, 8));

        act.Should().Throw<ArgumentException>().WithParameterName("padding").WithMessage("*reflect padding must be smaller than the image*");
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, -1)]
    public void Sizes_below_one_pixel_fail_at_construction(int height, int width)
    {
        var act = () => ImageTransforms.CenterCrop(new ImageSize(height, width));

        act.Should().Throw<ArgumentException>().WithParameterName("size");
    }

    [Fact]
    public void Negative_padding_fails_at_construction()
    {
        var act = () => ImageTransforms.RandomCrop(32, padding: new Padding(1, -1, 1, 1));

        act.Should().Throw<ArgumentException>().WithParameterName("padding");
    }

    [Fact]
    public void A_uint8_fill_outside_zero_to_255_fails_when_checked()
    {
        var act = () => ImageTransforms.Pad(2, fill: 300).GetOutputSpec(Cifar);

        act.Should().Throw<ArgumentException>().WithParameterName("fill");
    }

    [Fact]
    public void Grayscale_accepts_only_one_or_three_output_channels()
    {
        var act = () => ImageTransforms.Grayscale(2);

        act.Should().Throw<ArgumentException>().WithParameterName("outputChannels");
    }

    [Fact]
    public void RandomResizedCrop_rejects_an_empty_or_inverted_scale_range()
    {
        ((Action)(() => _ = ImageTransforms.RandomResizedCrop(8, scale: (0.0, 1.0)))).Should().Throw<ArgumentException>().WithParameterName("scale");
        ((Action)(() => _ = ImageTransforms.RandomResizedCrop(8, ratio: (2.0, 1.0)))).Should().Throw<ArgumentException>().WithParameterName("ratio");
    }

    [Fact]
    public void A_paper_crop_larger_than_256_fails_when_the_recipe_is_built()
    {
        var act = () => StandardPipelines.PaperTrain(cropSize: 300);

        act.Should().Throw<ArgumentException>().WithParameterName("cropSize");
    }

    [Fact]
    public void A_recipe_with_a_mean_for_the_wrong_channel_count_fails_when_it_is_built()
    {
        var act = () => StandardPipelines.CifarBatchNormTrain(mean: new[] { 0.5f }, std: new[] { 0.2f, 0.2f, 0.2f });

        act.Should().Throw<ArgumentException>().WithParameterName("std");
    }

    [Fact]
    public void TenCrop_larger_than_the_image_fails_naming_the_size()
    {
        using var images = zeros(2, 3, 8, 8);

        var act = () => ImageTransforms.TenCrop(9).CreateViews(images);

        act.Should().Throw<ArgumentException>().WithParameterName("size");
    }

    [Fact]
    public void TenCrop_averaging_a_scalar_fails_naming_the_predictions()
    {
        using var prediction = tensor(1f);

        var act = () => new TenCrop(2).AverageViews(prediction);

        act.Should().Throw<ArgumentException>().WithParameterName("predictions").WithMessage("Expected 10 * N rows of predictions; got shape [].*");
    }

    [Fact]
    public void TenCrop_averaging_rows_that_are_not_a_multiple_of_ten_fails_naming_the_predictions()
    {
        using var predictions = zeros(12, 5);

        var act = () => new TenCrop(2).AverageViews(predictions);

        act.Should().Throw<ArgumentException>().WithParameterName("predictions").WithMessage("Expected 10 * N rows of predictions; got shape [12, 5].*");
    }

    [Fact]
    public void A_per_image_parameter_of_the_wrong_length_is_rejected_naming_it()
    {
        using var images = zeros(3, 3, 4, 4);
        using var flip = zeros(2, dtype: ScalarType.Bool);

        var act = () => new RandomHorizontalFlip().ApplyWith(images, flip);

        act.Should().Throw<ArgumentException>().WithParameterName("flip").WithMessage("flip must have shape [3]*got [2]*");
    }

    [Fact]
    public void A_given_crop_offset_outside_the_padded_image_is_rejected_naming_it()
    {
        using var images = zeros(2, 3, 8, 8, dtype: ScalarType.Byte);
        using var tops = tensor(new long[] { 0, 5 });
        using var lefts = tensor(new long[] { 0, 0 });

        var act = () => new RandomCrop(6, padding: 1).ApplyWith(images, tops, lefts);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tops").WithMessage("tops must lie in [0, 4]; got values from 0 to 5*");
    }

    [Fact]
    public void A_given_resized_crop_box_reaching_outside_the_image_is_rejected()
    {
        using var images = zeros(1, 3, 8, 8);
        using var tops = tensor(new long[] { 4 });
        using var lefts = tensor(new long[] { 0 });
        using var heights = tensor(new long[] { 5 });
        using var widths = tensor(new long[] { 8 });

        var act = () => new RandomResizedCrop(4).ApplyWith(images, tops, lefts, heights, widths);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tops + heights");
    }

    [Fact]
    public void A_given_jitter_order_that_is_not_a_permutation_is_rejected()
    {
        using var images = zeros(1, 3, 4, 4);
        using var order = tensor(new long[] { 0, 0, 2, 3 }, new long[] { 1, 4 });
        using var brightness = ones(1);

        var act = () => new ColorJitter(0.5).ApplyWith(images, order, brightness, null, null, null);

        act.Should().Throw<ArgumentException>().WithParameterName("order");
    }

    [CudaFact]
    public void A_cuda_generator_is_refused_because_draws_must_come_from_the_cpu()
    {
        using var images = zeros(2, 3, 4, 4);
        using var generator = new Generator(1, CUDA);

        var act = () => ImageTransforms.RandomHorizontalFlip().Apply(images, generator);

        act.Should().Throw<ArgumentException>().WithParameterName("generator");
    }
}
