using System;
using System.Linq;
using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>Initialisation schemes: the paper's N(0, 0.01) with biases exactly 1 or 0, PyTorch's defaults, Xavier.</summary>
public class WeightInitTests
{
    [Fact]
    public void Paper_init_draws_weights_from_normal_0_0_01()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 256 });

        foreach (Tensor weight in Weights(model).Where(w => w.numel() > 100_000))
        {
            weight.mean().item<float>().Should().BeApproximately(0f, 2e-4f);
            weight.std().item<float>().Should().BeApproximately(0.01f, 2e-4f);
        }
    }

    [Fact]
    public void Paper_init_sets_biases_to_1_in_conv2_conv4_conv5_and_the_hidden_layers_and_0_elsewhere()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 32 });

        var convBiases = model.Features.children().OfType<Conv2d>().Select(c => Constant(c.bias!)).ToList();
        var linearBiases = model.Classifier.children().OfType<Linear>().Select(l => Constant(l.bias!)).ToList();

        convBiases.Should().Equal(0f, 1f, 0f, 1f, 1f);
        linearBiases.Should().Equal(1f, 1f, 0f);
    }

    [Fact]
    public void Paper_init_applies_to_the_other_variants_by_the_same_positions()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32, WeightInit = WeightInit.Paper });

        model.Features.children().OfType<Conv2d>().Select(c => Constant(c.bias!)).Should().Equal(0f, 1f, 0f, 1f, 1f);
        model.Classifier.children().OfType<Linear>().Select(l => Constant(l.bias!)).Should().Equal(1f, 1f, 0f);
        var norms = model.Features.children().OfType<BatchNorm2d>().ToList();
        norms.Should().OnlyContain(n => Constant(n.weight!) == 1f && Constant(n.bias!) == 0f);
    }

    [Fact]
    public void PyTorch_default_init_is_kaiming_uniform_bounded_by_one_over_sqrt_fan_in()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 256 });

        foreach (Tensor weight in Weights(model))
        {
            double bound = 1 / Math.Sqrt(weight.numel() / weight.shape[0]);
            weight.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)bound);
            if (weight.numel() > 100_000)
            {
                weight.std().item<float>().Should().BeApproximately((float)(bound / Math.Sqrt(3)), (float)(0.02 * bound));
            }
        }
    }

    [Fact]
    public void Xavier_uniform_init_is_bounded_by_sqrt_6_over_fan_in_plus_fan_out()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 256, WeightInit = WeightInit.XavierUniform });

        foreach (Tensor weight in Weights(model))
        {
            long receptive = weight.numel() / (weight.shape[0] * weight.shape[1]);
            double bound = Math.Sqrt(6.0 / ((weight.shape[1] * receptive) + (weight.shape[0] * receptive)));
            weight.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)bound);
            if (weight.numel() > 100_000)
            {
                weight.std().item<float>().Should().BeApproximately((float)(bound / Math.Sqrt(3)), (float)(0.02 * bound));
            }
        }
    }

    private static System.Collections.Generic.IEnumerable<Tensor> Weights(AlexNetModel model) =>
        model.Features.children().OfType<Conv2d>().Select(c => (Tensor)c.weight)
            .Concat(model.Classifier.children().OfType<Linear>().Select(l => (Tensor)l.weight));

    /// <summary>The single value every element of <paramref name="tensor"/> holds, or NaN if they differ.</summary>
    private static float Constant(Tensor tensor) =>
        tensor.min().item<float>() == tensor.max().item<float>() ? tensor.min().item<float>() : float.NaN;
}
