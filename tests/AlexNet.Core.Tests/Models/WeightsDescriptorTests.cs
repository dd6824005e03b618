using System;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Models.Weights;

namespace AlexNet.Core.Tests.Models;

/// <summary>The weights entries the library knows, and the checks of a user's own entry.</summary>
public class WeightsDescriptorTests
{
    [Fact]
    public void Fashion_mnist_is_one_channel_28_pixels_with_its_statistics_and_class_names()
    {
        WeightsDescriptor weights = KnownWeights.FashionMnist;

        weights.Name.Should().Be("FashionMnist");
        weights.Preprocessing.Channels.Should().Be(1);
        weights.Preprocessing.Mean.Should().Equal(0.28604f);
        weights.Preprocessing.Std.Should().Equal(0.35302f);
        weights.Preprocessing.ResizeShorterSide.Should().BeNull();
        weights.Preprocessing.CenterCropSize.Should().BeNull();
        weights.Categories.Should().Equal("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        weights.Model.Variant.Should().Be(Variant.CifarBatchNorm);
        weights.Model.InputChannels.Should().Be(1);
        weights.Model.NumClasses.Should().Be(10);
        weights.Model.Accepts(28).Should().BeTrue();
        weights.FileName.Should().BeNull();
    }

    [Fact]
    public void Cifar10_has_the_training_set_statistics_not_the_often_copied_wrong_std()
    {
        WeightsDescriptor weights = KnownWeights.Cifar10;

        weights.Preprocessing.Mean.Should().Equal(0.4914f, 0.4822f, 0.4465f);
        weights.Preprocessing.Std.Should().Equal(0.2470f, 0.2435f, 0.2616f);
        weights.Preprocessing.ResizeShorterSide.Should().BeNull();
        weights.Categories.Should().Equal("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        weights.Model.Variant.Should().Be(Variant.CifarBatchNorm);
        weights.Model.NominalInputSize.Should().Be(new ImageSize(32, 32));
        weights.Model.NumClasses.Should().Be(weights.Categories!.Count);
    }

    [Fact]
    public void ImageNet_is_torchvisions_evaluation_transform_on_the_torchvision_variant()
    {
        WeightsDescriptor weights = KnownWeights.ImageNet;

        weights.Preprocessing.ResizeShorterSide.Should().Be(256);
        weights.Preprocessing.CenterCropSize.Should().Be(new ImageSize(224, 224));
        weights.Preprocessing.Mean.Should().Equal(0.485f, 0.456f, 0.406f);
        weights.Preprocessing.Std.Should().Equal(0.229f, 0.224f, 0.225f);
        weights.Categories.Should().Equal(DatasetCategories.ImageNet);
        weights.Url.Should().BeNull();
        weights.Sha256Prefix.Should().BeNull();
        weights.Metrics.Should().BeNull();
        weights.Model.Variant.Should().Be(Variant.TorchVision);
        weights.Model.NumClasses.Should().Be(1000);
        weights.Model.NominalInputSize.Should().Be(new ImageSize(224, 224));
    }

    [Fact]
    public void An_own_entry_carries_its_source_and_metrics()
    {
        ModelDescriptor model = AlexNetFactory.Describe(Variant.CifarBatchNorm, 2, new AlexNetOptions { ClassifierWidth = 8 });
        var weights = new WeightsDescriptor("Mine", model, KnownWeights.Cifar10.Preprocessing, new[] { "no", "yes" })
        {
            FileName = "mine.safetensors",
            Url = new Uri("https://example.org/mine.safetensors"),
            Sha256Prefix = "7be5be79",
            Metrics = new System.Collections.Generic.Dictionary<string, double> { ["acc@1"] = 91.5 },
        };

        weights.Model.Should().BeSameAs(model);
        weights.Categories.Should().Equal("no", "yes");
        weights.FileName.Should().Be("mine.safetensors");
        weights.Metrics!["acc@1"].Should().Be(91.5);
    }

    [Fact]
    public void An_entry_whose_channels_or_categories_do_not_fit_its_model_is_rejected()
    {
        ModelDescriptor model = AlexNetFactory.Describe(Variant.CifarBatchNorm, 2, new AlexNetOptions { ClassifierWidth = 8 });

        FluentActions.Invoking(() => new WeightsDescriptor("Gray", model, KnownWeights.FashionMnist.Preprocessing))
            .Should().Throw<ArgumentException>().WithParameterName("preprocessing");
        FluentActions.Invoking(() => new WeightsDescriptor("Three", model, KnownWeights.Cifar10.Preprocessing, new[] { "a", "b", "c" }))
            .Should().Throw<ArgumentException>().WithParameterName("categories");
    }

    [Fact]
    public void Preprocessing_needs_one_mean_and_one_positive_std_per_channel()
    {
        FluentActions.Invoking(() => new EvaluationPreprocessing(3, new[] { 0.5f }, new[] { 0.5f, 0.5f, 0.5f }))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new EvaluationPreprocessing(1, new[] { 0.5f }, new[] { 0f }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("std");
        FluentActions.Invoking(() => new EvaluationPreprocessing(1, new[] { 0.5f }, new[] { 0.5f }, centerCropSize: new ImageSize(0, 4)))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
