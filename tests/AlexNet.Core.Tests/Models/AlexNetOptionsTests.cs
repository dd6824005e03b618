using System;
using System.IO;
using System.Linq;
using System.Text;
using AlexNet.Core.Models;
using AlexNet.Core.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TorchSharp.Modules;

namespace AlexNet.Core.Tests.Models;

/// <summary>Options: variant defaults, validation messages (option, range, value) and how the factory applies them.</summary>
public class AlexNetOptionsTests
{
    [Theory]
    [InlineData(Variant.Paper, 4096, 0.5, true, WeightInit.Paper)]
    [InlineData(Variant.TorchVision, 4096, 0.5, false, WeightInit.PyTorchDefault)]
    [InlineData(Variant.CifarBatchNorm, 2048, 0.2, false, WeightInit.PyTorchDefault)]
    public void Null_options_take_the_variants_defaults(Variant variant, int width, double dropout, bool lrn, WeightInit init)
    {
        using var model = AlexNetFactory.Create(variant, 10);

        model.Options.Should().BeEquivalentTo(new AlexNetOptions
        {
            InputChannels = 3, ClassifierWidth = width, DropoutRate = dropout, UseLocalResponseNorm = lrn, WeightInit = init,
            Output = ModelOutput.Logits,
            Reproduction =
            {
                LrnSize = 5, LrnAlpha = 1e-4, LrnBeta = 0.75, LrnK = 2, LrnAlphaConvention = LrnAlphaConvention.Paper, Groups = 1,
                DropoutPlacement = DropoutPlacement.BeforeHiddenLinear, DropoutInEvaluation = false,
            },
        });
        model.Classifier.children().OfType<Dropout>().Should().HaveCount(2).And.OnlyContain(d => d.p == dropout);
    }

    [Fact]
    public void Default_options_are_valid()
    {
        new AlexNetOptionsValidator().Validate(null, new AlexNetOptions()).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(nameof(AlexNetOptions.InputChannels), "AlexNetOptions.InputChannels must be from 1 to 1024; got 0.")]
    [InlineData(nameof(AlexNetOptions.DropoutRate), "AlexNetOptions.DropoutRate must be in [0, 1) or null (the variant's default); got 1.")]
    [InlineData(nameof(AlexNetOptions.ClassifierWidth), "AlexNetOptions.ClassifierWidth must be from 1 to 65536 or null (the variant's default); got 0.")]
    [InlineData(nameof(ReproductionOptions.LrnSize), "AlexNetOptions.Reproduction.LrnSize must be from 1 to 255; got 0.")]
    [InlineData(nameof(ReproductionOptions.LrnAlpha), "AlexNetOptions.Reproduction.LrnAlpha must be finite and 0 or more; got NaN.")]
    [InlineData(nameof(ReproductionOptions.LrnAlphaConvention), "AlexNetOptions.Reproduction.LrnAlphaConvention must be Paper or PyTorch; got 9.")]
    [InlineData(nameof(ReproductionOptions.LrnBeta), "AlexNetOptions.Reproduction.LrnBeta must be finite and 0 or more; got -0.75.")]
    [InlineData(nameof(ReproductionOptions.LrnK), "AlexNetOptions.Reproduction.LrnK must be finite and more than 0; got 0.")]
    [InlineData(nameof(AlexNetOptions.WeightInit), "AlexNetOptions.WeightInit must be Paper, PaperConvolutions, PyTorchDefault, XavierUniform or null (the variant's default); got 9.")]
    [InlineData(nameof(ReproductionOptions.Groups), "AlexNetOptions.Reproduction.Groups must be 1 (one tower) or 2 (the paper's two towers); got 3.")]
    [InlineData(nameof(AlexNetOptions.Output), "AlexNetOptions.Output must be Logits or LogProbabilities; got 9.")]
    [InlineData(nameof(ReproductionOptions.DropoutPlacement), "AlexNetOptions.Reproduction.DropoutPlacement must be BeforeHiddenLinear, AfterHiddenReLU or None; got 9.")]
    public void An_invalid_option_is_named_with_its_range_and_value(string option, string message)
    {
        AlexNetOptions options = option switch
        {
            nameof(AlexNetOptions.InputChannels) => new() { InputChannels = 0 },
            nameof(AlexNetOptions.DropoutRate) => new() { DropoutRate = 1 },
            nameof(AlexNetOptions.ClassifierWidth) => new() { ClassifierWidth = 0 },
            nameof(ReproductionOptions.LrnSize) => new() { Reproduction = { LrnSize = 0 } },
            nameof(ReproductionOptions.LrnAlpha) => new() { Reproduction = { LrnAlpha = double.NaN } },
            nameof(ReproductionOptions.LrnAlphaConvention) => new() { Reproduction = { LrnAlphaConvention = (LrnAlphaConvention)9 } },
            nameof(ReproductionOptions.LrnBeta) => new() { Reproduction = { LrnBeta = -0.75 } },
            nameof(ReproductionOptions.LrnK) => new() { Reproduction = { LrnK = 0 } },
            nameof(AlexNetOptions.WeightInit) => new() { WeightInit = (WeightInit)9 },
            nameof(ReproductionOptions.Groups) => new() { Reproduction = { Groups = 3 } },
            nameof(ReproductionOptions.DropoutPlacement) => new() { Reproduction = { DropoutPlacement = (DropoutPlacement)9 } },
            _ => new() { Output = (ModelOutput)9 },
        };

        ValidateOptionsResult result = new AlexNetOptionsValidator().Validate(null, options);

        result.Failures.Should().Equal(message);
    }

    [Fact]
    public void The_factory_validates_options_and_reports_every_failure()
    {
        var act = () => AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { InputChannels = -1, DropoutRate = -0.5 });

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().HaveCount(2).And.Contain(f => f.Contains("InputChannels", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("DropoutRate", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_bind_from_configuration_with_the_reproduction_settings_in_their_own_section()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""
            { "AlexNet": { "InputChannels": 1, "ClassifierWidth": 256,
                "Reproduction": { "Groups": 2, "LrnAlpha": 0.001, "LrnAlphaConvention": "PyTorch", "DropoutPlacement": "AfterHiddenReLU" } } }
            """))).Build();
        var options = new AlexNetOptions();

        configuration.GetSection(AlexNetOptions.SectionName).Bind(options);

        (options.InputChannels, options.ClassifierWidth).Should().Be((1, 256));
        (options.Reproduction.Groups, options.Reproduction.LrnAlpha, options.Reproduction.LrnAlphaConvention, options.Reproduction.DropoutPlacement)
            .Should().Be((2, 0.001, LrnAlphaConvention.PyTorch, DropoutPlacement.AfterHiddenReLU));
        options.Reproduction.LrnSize.Should().Be(5, "settings the section leaves out keep their defaults");
    }

    [Fact]
    public void Options_validate_without_dependency_injection()
    {
        var act = () => OptionsValidation.ThrowIfInvalid(new AlexNetOptionsValidator(), new AlexNetOptions { Reproduction = { LrnSize = 300 } });

        act.Should().Throw<OptionsValidationException>().WithMessage("*LrnSize must be from 1 to 255; got 300.*");
    }

    [Fact]
    public void Lrn_is_refused_on_the_cifar_batch_norm_variant()
    {
        var act = () => AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { UseLocalResponseNorm = true });

        act.Should().Throw<ArgumentException>().WithMessage("*UseLocalResponseNorm = true needs Variant.Paper or Variant.TorchVision*Variant.CifarBatchNorm has no LRN layers*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_one_class_is_refused(int classes)
    {
        var act = () => AlexNetFactory.Create(Variant.CifarBatchNorm, classes);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numClasses");
    }

    [Fact]
    public void An_undefined_variant_is_refused()
    {
        var act = () => AlexNetFactory.Create((Variant)42, 10);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variant");
    }

    [Fact]
    public void The_paper_lrn_layers_get_alpha_times_size_so_torchsharp_computes_the_papers_formula()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8 });

        var norms = model.Features.children().OfType<LocalResponseNorm>().ToList();

        norms.Should().HaveCount(2);
        norms.Should().OnlyContain(n => n.size == 5 && Math.Abs(n.alpha - 5e-4) < 1e-15 && n.beta == 0.75 && n.k == 2.0);
        model.Features.named_children().Where(c => c.module is LocalResponseNorm).Select(c => c.name).Should().Equal("2", "6");
    }

    [Fact]
    public void The_pytorch_convention_passes_alpha_unchanged_to_reproduce_write_ups_that_pass_1e_4()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8, Reproduction = { LrnAlphaConvention = LrnAlphaConvention.PyTorch } });

        model.Features.children().OfType<LocalResponseNorm>().Should().HaveCount(2).And.OnlyContain(n => n.alpha == 1e-4);
        LocalResponseNormalization.TorchSharpAlpha(5, 1e-4, LrnAlphaConvention.Paper).Should().BeApproximately(5e-4, 1e-18);
        LocalResponseNormalization.TorchSharpAlpha(5, 1e-4, LrnAlphaConvention.PyTorch).Should().Be(1e-4);
    }

    [Fact]
    public void Lrn_off_removes_the_layers()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8, UseLocalResponseNorm = false });

        model.Features.children().OfType<LocalResponseNorm>().Should().BeEmpty();
        model.Features.Count.Should().Be(13);
    }

    [Fact]
    public void Two_towers_group_conv2_conv4_and_conv5_only()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8, Reproduction = { Groups = 2 } });

        model.Features.children().OfType<Conv2d>().Select(c => c.groups).Should().Equal(1, 2, 1, 2, 2);
    }
}
