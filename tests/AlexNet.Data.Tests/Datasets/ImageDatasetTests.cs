using System;
using System.Linq;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Datasets;

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

    [Fact]
    public void RandomSubset_draws_the_same_images_for_the_same_seed_in_dataset_order()
    {
        using var dataset = new ImageDataset(arange(100, dtype: uint8).reshape(100, 1, 1, 1), arange(100, dtype: int64).remainder(2), new[] { "even", "odd" }, "toy");

        using var first = dataset.RandomSubset(10, seed: 7);
        using var again = dataset.RandomSubset(10, seed: 7);
        using var other = dataset.RandomSubset(10, seed: 8);

        long[] picked = first.Images.flatten().to_type(int64).data<long>().ToArray();
        picked.Should().HaveCount(10).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
        again.Images.flatten().to_type(int64).data<long>().ToArray().Should().Equal(picked);
        other.Images.flatten().to_type(int64).data<long>().ToArray().Should().NotEqual(picked);
        first.Labels.data<long>().ToArray().Should().Equal(picked.Select(i => i % 2));
        first.Name.Should().Be("toy (subset of 10)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void RandomSubset_of_no_image_or_more_images_than_the_dataset_holds_is_refused(int count)
    {
        using var dataset = new ImageDataset(zeros(100, 1, 1, 1, dtype: uint8), zeros(100, dtype: int64), new[] { "a" }, "toy");

        var act = () => dataset.RandomSubset(count, seed: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"toy: count must lie in [1, 100]; got {count}.*");
    }
}
