using System;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Abstractions;

public class BatchTests
{
    [Fact]
    public void Disposing_a_batch_disposes_both_tensors_and_is_idempotent()
    {
        var images = zeros(2, 3, 4, 4);
        var labels = zeros(2, dtype: int64);
        var batch = new Batch(images, labels);

        batch.Dispose();
        batch.Dispose();

        batch.IsDisposed.Should().BeTrue();
        images.IsInvalid.Should().BeTrue();
        labels.IsInvalid.Should().BeTrue();
    }

    [Fact]
    public void A_batch_rejects_images_that_are_not_four_dimensional()
    {
        using var images = zeros(3, 4, 4);
        using var labels = zeros(3, dtype: int64);

        var act = () => new Batch(images, labels);

        act.Should().Throw<ArgumentException>().WithMessage("*N x C x H x W*[3, 4, 4]*");
    }

    [Fact]
    public void A_batch_rejects_a_label_count_that_differs_from_the_image_count()
    {
        using var images = zeros(2, 1, 4, 4);
        using var labels = zeros(3, dtype: int64);

        var act = () => new Batch(images, labels);

        act.Should().Throw<ArgumentException>().WithMessage("*one label per image (2)*[3]*");
    }
}
