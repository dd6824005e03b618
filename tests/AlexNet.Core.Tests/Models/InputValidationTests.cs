using System;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>A wrong input fails before LibTorch, with the variant, the expected shape and the shape given.</summary>
public class InputValidationTests
{
    [Fact]
    public void Too_small_an_image_names_the_variant_the_minimum_and_the_shape_given()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(2, 3, 62, 62);

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage(
            "Variant.TorchVision AlexNet expects a floating-point N x 3 x H x W tensor with H and W of 63 or more (nominal 224 x 224); got Float32 [2, 3, 62, 62].*");
    }

    [Fact]
    public void The_paper_variant_refuses_images_whose_maps_are_not_6x6()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(1, 3, 224, 259);

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage("*Variant.Paper*H and W from 227 to 258 (nominal 227 x 227)*[1, 3, 224, 259]*");
    }

    [Fact]
    public void A_wrong_channel_count_names_the_expected_channels()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(4, 1, 28, 28);

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage("*Variant.CifarBatchNorm*N x 3 x H x W*H and W of 6 or more (nominal 32 x 32)*[4, 1, 28, 28]*");
    }

    [Fact]
    public void An_unbatched_image_is_refused()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(3, 32, 32);

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage("*N x 3 x H x W*got Float32 [3, 32, 32]*");
    }

    [Fact]
    public void Bytes_are_refused_until_converted_to_floating_point()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(2, 3, 32, 32, dtype: ScalarType.Byte);

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage("*floating-point*got Byte [2, 3, 32, 32]*");
    }

    [Fact]
    public void A_float64_batch_for_a_float32_model_names_both_dtypes_before_libtorch()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(2, 3, 32, 32, dtype: ScalarType.Float64);

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage("*expects Float32 input (the dtype of its parameters); got Float64 [2, 3, 32, 32]. Convert it with input.to(ScalarType.Float32)*");
    }

    [Fact]
    public void Batch_norm_in_training_mode_refuses_a_single_image_and_says_to_use_eval()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });
        using var input = zeros(1, 3, 32, 32);
        model.train();

        var act = () => model.call(input);

        act.Should().Throw<ArgumentException>().WithMessage("*training mode needs at least 2 images per batch*[1, 3, 32, 32]*eval()*");
        model.eval();
        using var noGrad = no_grad();
        using var output = model.call(input);
        output.shape.Should().Equal(1, 10);
    }
}
