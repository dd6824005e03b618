using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>Crops and flips of a batch N x C x H x W: one box for all images, or one box (or flip) per image in a single gather.</summary>
internal static class ImageCrops
{
    /// <summary>The same box of every image, as a contiguous tensor.</summary>
    public static Tensor CropAll(Tensor batch, long top, long left, long height, long width)
    {
        using Tensor rows = batch.narrow(2, top, height);
        using Tensor box = rows.narrow(3, left, width);
        return box.contiguous();
    }

    /// <summary>Image n cropped to the box at (<paramref name="tops"/>[n], <paramref name="lefts"/>[n]) of the given size.</summary>
    /// <param name="batch">Images N x C x H x W.</param>
    /// <param name="tops">int64 N on the batch's device: each box's top row.</param>
    /// <param name="lefts">int64 N on the batch's device: each box's left column.</param>
    /// <param name="height">Box height.</param>
    /// <param name="width">Box width.</param>
    public static Tensor CropEach(Tensor batch, Tensor tops, Tensor lefts, long height, long width)
    {
        using var scope = NewDisposeScope();
        long n = batch.shape[0], channels = batch.shape[1], sourceWidth = batch.shape[3];
        Tensor rows = tops.view(n, 1) + arange(height, dtype: ScalarType.Int64, device: batch.device);
        Tensor columns = lefts.view(n, 1) + arange(width, dtype: ScalarType.Int64, device: batch.device);
        Tensor flat = (rows.view(n, height, 1) * sourceWidth) + columns.view(n, 1, width);
        Tensor index = flat.view(n, 1, height * width).expand(n, channels, height * width);
        Tensor pixels = batch.contiguous().view(n, channels, -1);
        return pixels.gather(2, index).view(n, channels, height, width).MoveToOuterDisposeScope();
    }

    /// <summary>Image n mirrored left-right where <paramref name="flip"/>[n] is true.</summary>
    /// <param name="batch">Images N x C x H x W.</param>
    /// <param name="flip">bool N on the batch's device.</param>
    public static Tensor FlipEach(Tensor batch, Tensor flip)
    {
        using var scope = NewDisposeScope();
        long n = batch.shape[0], width = batch.shape[3];
        Tensor forward = arange(width, dtype: ScalarType.Int64, device: batch.device).view(1, width);
        Tensor backward = forward.flip(1);
        Tensor columns = where(flip.view(n, 1), backward, forward).view(n, 1, 1, width);
        Tensor index = columns.expand(batch.shape);
        return batch.gather(3, index).MoveToOuterDisposeScope();
    }
}
