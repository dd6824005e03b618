using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The paper's test-time ten-crop (torchvision's <c>ten_crop</c>): the four corner boxes and the centre box of each
/// image, then the same five boxes of the horizontally flipped image, whose predictions are averaged.
/// </summary>
/// <remarks>
/// Views are ordered view-major as <see cref="ITestTimeAugmentation"/> documents: rows [v * N, (v + 1) * N) hold view v
/// of every image, with v = top-left, top-right, bottom-left, bottom-right, centre, then the same of the flipped image.
/// </remarks>
internal sealed class TenCrop : ITestTimeAugmentation
{
    /// <summary>Creates the augmentation.</summary>
    /// <param name="size">The box size; an integer gives a square (the paper's 224).</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1.</exception>
    public TenCrop(ImageSize size)
    {
        Size = size.Validated(nameof(size));
    }

    /// <summary>The box size.</summary>
    public ImageSize Size { get; }

    /// <inheritdoc />
    public int ViewCount => 10;

    /// <summary>The spec of the views for images of spec <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The box is larger than the image.</exception>
    public ImageSpec GetOutputSpec(ImageSpec input)
    {
        if (Size.Height > input.Height || Size.Width > input.Width)
        {
            throw new ArgumentException($"TenCrop: the crop {Size} is larger than the image {input}.", "size");
        }

        return input.WithSize(Size.Height, Size.Width);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The images are not a batch N x C x H x W at least as large as the box.</exception>
    public Tensor CreateViews(Tensor images)
    {
        TransformArguments.RequireBatch(images);
        GetOutputSpec(ImageSpec.Of(images));
        using var scope = NewDisposeScope();
        Tensor flipped = images.flip(3);
        var views = new Tensor[10];
        FiveCrops(images, views, 0);
        FiveCrops(flipped, views, 5);
        return cat(views, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Averages predictions (ViewCount * N) x K made on <see cref="CreateViews"/>'s output into N x K.</summary>
    /// <exception cref="ArgumentException">The row count is not a multiple of <see cref="ViewCount"/>.</exception>
    public Tensor AverageViews(Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.dim() < 1 || predictions.shape[0] % ViewCount != 0)
        {
            throw new ArgumentException($"Expected {ViewCount} * N rows of predictions; got shape [{string.Join(", ", predictions.shape)}].", nameof(predictions));
        }

        long[] shape = predictions.shape;
        shape[0] /= ViewCount;
        using Tensor grouped = predictions.view(new[] { (long)ViewCount }.Concat(shape).ToArray());
        return grouped.mean(new long[] { 0 });
    }

    private void FiveCrops(Tensor images, Tensor[] views, int first)
    {
        long height = images.shape[2], width = images.shape[3];
        long bottom = height - Size.Height, right = width - Size.Width;
        (long centreTop, long centreLeft) = CenterCrop.Offsets(height, width, Size);
        views[first] = images.narrow(2, 0, Size.Height).narrow(3, 0, Size.Width);
        views[first + 1] = images.narrow(2, 0, Size.Height).narrow(3, right, Size.Width);
        views[first + 2] = images.narrow(2, bottom, Size.Height).narrow(3, 0, Size.Width);
        views[first + 3] = images.narrow(2, bottom, Size.Height).narrow(3, right, Size.Width);
        views[first + 4] = images.narrow(2, centreTop, Size.Height).narrow(3, centreLeft, Size.Width);
    }

    /// <inheritdoc />
    public override string ToString() => $"TenCrop({Size})";
}
