using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>
/// The options the write-ups need: dropout placement (001 after the ReLUs, 003 none), dropout that stays on in eval
/// mode (001's F.dropout), the paper's initialisation on the convolutions only (000), LRN on torchvision's widths (004).
/// </summary>
public class WriteUpLayerOptionTests
{
    [Theory]
    [InlineData(DropoutPlacement.BeforeHiddenLinear, "Dropout Linear ReLU Dropout Linear ReLU Linear")]
    [InlineData(DropoutPlacement.AfterHiddenReLU, "Linear ReLU Dropout Linear ReLU Dropout Linear")]
    [InlineData(DropoutPlacement.None, "Linear ReLU Linear ReLU Linear")]
    public void Dropout_placement_orders_the_classifier_layers(DropoutPlacement placement, string layers)
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 16, Reproduction = { DropoutPlacement = placement } });

        string.Join(" ", model.Classifier.children().Select(c => c.GetType().Name)).Should().Be(layers);
    }

    [Fact]
    public void The_paper_network_without_lrn_or_dropout_has_write_up_003s_62_378_344_parameters()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 1000, new AlexNetOptions { UseLocalResponseNorm = false, Reproduction = { DropoutPlacement = DropoutPlacement.None } });

        model.parameters().Sum(p => p.numel()).Should().Be(62_378_344);
        model.Classifier.named_children().Select(c => c.name).Should().Equal("0", "1", "2", "3", "4");
    }

    [Fact]
    public void Another_dropout_placement_is_refused_on_the_cifar_batch_norm_variant()
    {
        var act = () => AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { Reproduction = { DropoutPlacement = DropoutPlacement.None } });

        act.Should().Throw<ArgumentException>().WithMessage("*Reproduction.DropoutPlacement = None needs Variant.Paper or Variant.TorchVision*");
    }

    [Fact]
    public void Dropout_in_evaluation_keeps_dropping_after_eval()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 64, Reproduction = { DropoutPlacement = DropoutPlacement.AfterHiddenReLU, DropoutInEvaluation = true } });
        model.eval();
        using var images = rand(2, 1, 227, 227);

        using var first = model.call(images);
        using var second = model.call(images);

        model.Classifier.children().OfType<AlwaysOnDropout>().Should().HaveCount(2).And.OnlyContain(d => d.Probability == 0.5);
        first.allclose(second, rtol: 0, atol: 0).Should().BeFalse("dropout still draws a new mask in eval mode");
    }

    [Fact]
    public void Ordinary_dropout_is_off_in_eval_mode()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 64, Reproduction = { DropoutPlacement = DropoutPlacement.AfterHiddenReLU } });
        model.eval();
        using var images = rand(2, 1, 227, 227);

        using var first = model.call(images);
        using var second = model.call(images);

        first.allclose(second, rtol: 0, atol: 0).Should().BeTrue();
    }

    [Fact]
    public void Paper_convolution_init_leaves_the_linear_layers_at_pytorchs_default()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 256, WeightInit = WeightInit.PaperConvolutions });

        var convs = model.Features.children().OfType<Conv2d>().ToList();
        convs.Select(c => (float)c.bias!.min().item<float>()).Should().Equal(0f, 1f, 0f, 1f, 1f);
        convs.Select(c => (float)c.bias!.max().item<float>()).Should().Equal(0f, 1f, 0f, 1f, 1f);
        convs[1].weight!.std().item<float>().Should().BeApproximately(0.01f, 2e-4f);
        foreach (Linear linear in model.Classifier.children().OfType<Linear>())
        {
            double bound = 1 / Math.Sqrt(linear.in_features);
            linear.bias!.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)bound).And.BeGreaterThan(0f);
            linear.weight!.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)bound);
        }
    }

    [Fact]
    public void Torchvision_widths_take_lrn_after_the_first_two_relus()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { UseLocalResponseNorm = true, Reproduction = { LrnAlphaConvention = LrnAlphaConvention.PyTorch } });

        string.Join(" ", model.Features.children().Select(c => c.GetType().Name)).Should().Be(
            "Conv2d ReLU LocalResponseNorm MaxPool2d Conv2d ReLU LocalResponseNorm MaxPool2d Conv2d ReLU Conv2d ReLU Conv2d ReLU MaxPool2d");
        model.parameters().Sum(p => p.numel()).Should().Be(57_044_810);
        var summary = ModelSummary.Of(model, new ImageSize(227, 227));
        summary.Rows.Single(r => r.Name == "features.0").OutputShape.Should().Equal(1, 64, 56, 56);
        summary.Rows.Single(r => r.Name == "avgpool").OutputShape.Should().Equal(1, 256, 6, 6);
    }
}
