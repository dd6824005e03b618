using System;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Foundation;

public class ImageDatasetTests
{
    [Fact]
    public void A_dataset_exposes_its_geometry_and_classes()
    {
        using var dataset = new ImageDataset(zeros(5, 3, 32, 30, dtype: uint8), tensor(new long[] { 0, 1, 1, 0, 1 }), new[] { "a", "b" }, "toy");

        dataset.Count.Should().Be(5);
        dataset.Channels.Should().Be(3);
        dataset.Height.Should().Be(32);
        dataset.Width.Should().Be(30);
        dataset.Classes.Should().Equal("a", "b");
    }

    [Fact]
    public void A_label_outside_the_class_range_is_rejected_with_the_range_and_the_values_found()
    {
        var act = () => new ImageDataset(zeros(2, 1, 4, 4, dtype: uint8), tensor(new long[] { 0, 2 }), new[] { "a", "b" }, "toy");

        act.Should().Throw<ArgumentException>().WithMessage("toy: labels must lie in [0, 1]; found values from 0 to 2.*");
    }

    [Fact]
    public void Float_images_are_rejected_because_datasets_hold_compact_uint8()
    {
        var act = () => new ImageDataset(zeros(2, 1, 4, 4), tensor(new long[] { 0, 1 }), new[] { "a", "b" }, "toy");

        act.Should().Throw<ArgumentException>().WithMessage("toy: images must be a uint8 tensor*Float32*");
    }

    [Fact]
    public void Select_copies_the_chosen_images_and_labels_in_the_given_order()
    {
        using var dataset = new ImageDataset(arange(4, dtype: uint8).reshape(4, 1, 1, 1), tensor(new long[] { 0, 1, 2, 3 }), new[] { "a", "b", "c", "d" }, "toy");

        using var subset = dataset.Select(new long[] { 3, 1 });

        subset.Images.flatten().data<byte>().ToArray().Should().Equal(3, 1);
        subset.Labels.data<long>().ToArray().Should().Equal(3L, 1L);
        subset.Classes.Should().Equal(dataset.Classes);
    }
}
