using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;

namespace AlexNet.Core.Tests.Models;

/// <summary>
/// The model descriptor: input sizes and parameter counts per variant, the same from <see cref="AlexNetFactory.Describe"/>
/// as from a built model, worked out once per variant, classes and options.
/// </summary>
[Collection(FullSizeModelsCollection.Name)]
public class ModelDescriptorTests
{
    private readonly FullSizeModels _models;

    public ModelDescriptorTests(FullSizeModels models) => _models = models;

    [Theory]
    [InlineData(Variant.Paper, 3, 227, 258, 227)]
    [InlineData(Variant.TorchVision, 3, 63, null, 224)]
    [InlineData(Variant.CifarBatchNorm, 3, 6, null, 32)]
    [InlineData(Variant.CifarBatchNorm, 1, 6, null, 32)]
    public void Describe_gives_each_variants_minimum_maximum_and_nominal_input_size(Variant variant, int channels, int minimum, int? maximum, int nominal)
    {
        ModelDescriptor descriptor = AlexNetFactory.Describe(variant, 10, new AlexNetOptions { InputChannels = channels, ClassifierWidth = 8 });

        descriptor.Variant.Should().Be(variant);
        descriptor.NumClasses.Should().Be(10);
        descriptor.InputChannels.Should().Be(channels);
        descriptor.MinimumInputSize.Should().Be(new ImageSize(minimum, minimum));
        descriptor.MaximumInputSize.Should().Be(maximum is null ? null : new ImageSize(maximum.Value, maximum.Value));
        descriptor.NominalInputSize.Should().Be(new ImageSize(nominal, nominal));
    }

    [Fact]
    public void The_full_size_models_descriptors_carry_the_pinned_parameter_counts()
    {
        _models.Paper.Descriptor.ParameterCount.Should().Be(62_378_344);
        _models.PaperTwoTowers.Descriptor.ParameterCount.Should().Be(60_965_224);
        _models.TorchVision.Descriptor.ParameterCount.Should().Be(61_100_840);
        _models.CifarBatchNorm.Descriptor.ParameterCount.Should().Be(14_869_598);
    }

    [Fact]
    public void Describe_returns_the_descriptor_of_the_model_built_with_the_same_arguments()
    {
        AlexNetFactory.Describe(Variant.TorchVision, 1000).Should().BeSameAs(_models.TorchVision.Descriptor);
        AlexNetFactory.Describe(Variant.Paper, 1000, new AlexNetOptions { Reproduction = { Groups = 2 } }).Should().BeSameAs(_models.PaperTwoTowers.Descriptor);
    }

    [Theory]
    [InlineData(Variant.TorchVision, 10, 1, 1, null, 57_029_322)]
    [InlineData(Variant.CifarBatchNorm, 10, 3, 2, null, 14_077_022)]
    [InlineData(Variant.CifarBatchNorm, 100, 3, 1, 4096, 36_242_796)]
    public void Describe_counts_the_parameters_without_a_model(Variant variant, int classes, int channels, int groups, int? width, long expected)
    {
        var options = new AlexNetOptions { InputChannels = channels, ClassifierWidth = width, Reproduction = { Groups = groups } };

        ModelDescriptor descriptor = AlexNetFactory.Describe(variant, classes, options);

        descriptor.ParameterCount.Should().Be(expected);
        using var model = AlexNetFactory.Create(variant, classes, options);
        model.Descriptor.Should().BeSameAs(descriptor);
        model.parameters().Sum(p => p.numel()).Should().Be(expected);
    }

    [Fact]
    public void Different_options_give_different_descriptors_and_equal_options_the_same()
    {
        ModelDescriptor one = AlexNetFactory.Describe(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });

        AlexNetFactory.Describe(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 }).Should().BeSameAs(one);
        AlexNetFactory.Describe(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8, InputChannels = 1 }).Should().NotBeSameAs(one);
        AlexNetFactory.Describe(Variant.CifarBatchNorm, 11, new AlexNetOptions { ClassifierWidth = 8 }).Should().NotBeSameAs(one);
    }

    [Fact]
    public void Accepts_is_true_exactly_between_the_minimum_and_the_maximum()
    {
        ModelDescriptor paper = AlexNetFactory.Describe(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8 });

        paper.Accepts(227).Should().BeTrue();
        paper.Accepts(258).Should().BeTrue();
        paper.Accepts(new ImageSize(227, 258)).Should().BeTrue();
        paper.Accepts(226).Should().BeFalse();
        paper.Accepts(259).Should().BeFalse();
        AlexNetFactory.Describe(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 }).Accepts(4000).Should().BeTrue();
    }

    [Fact]
    public void The_options_are_a_copy_with_every_default_filled_in()
    {
        ModelDescriptor descriptor = AlexNetFactory.Describe(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });

        AlexNetOptions options = descriptor.Options;
        options.DropoutRate.Should().Be(0.2);
        options.UseLocalResponseNorm.Should().BeFalse();
        options.ClassifierWidth = 99;
        descriptor.Options.ClassifierWidth.Should().Be(8);
    }

    [Fact]
    public void Describe_rejects_what_Create_rejects()
    {
        FluentActions.Invoking(() => AlexNetFactory.Describe(Variant.TorchVision, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => AlexNetFactory.Describe(Variant.CifarBatchNorm, 10, new AlexNetOptions { UseLocalResponseNorm = true }))
            .Should().Throw<ArgumentException>().WithMessage("*UseLocalResponseNorm*");
    }
}
