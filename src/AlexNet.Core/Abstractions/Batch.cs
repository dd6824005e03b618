using System;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// One mini-batch: images (N x C x H x W, any floating or uint8 dtype) and labels (N, int64).
/// </summary>
/// <remarks>
/// Ownership rule of the seam between a batch producer (for example AlexNet.Data's DataLoader) and a consumer (the
/// <c>Trainer</c>): whoever receives a <see cref="Batch"/> from an enumeration owns it and must dispose it; disposing
/// the batch disposes both tensors. A producer never touches a batch after yielding it, and never disposes it.
/// The tensors are not attached to any dispose scope when they are handed over.
/// </remarks>
public sealed class Batch : IDisposable
{
    private bool _disposed;

    /// <summary>Creates a batch that takes ownership of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The images are not 4-D, the labels not 1-D, or their lengths differ.</exception>
    public Batch(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.dim() != 4)
        {
            throw new ArgumentException($"Batch images must be N x C x H x W (4-D); got shape [{string.Join(", ", images.shape)}].", nameof(images));
        }

        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
        {
            throw new ArgumentException($"Batch labels must be 1-D with one label per image ({images.shape[0]}); got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        }

        Images = images;
        Labels = labels;
    }

    /// <summary>The images, N x C x H x W.</summary>
    public Tensor Images { get; }

    /// <summary>The class labels, N, int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of images in the batch.</summary>
    public long Count => Images.shape[0];

    /// <summary>True once <see cref="Dispose"/> has run.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>Disposes both tensors. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Images.Dispose();
        Labels.Dispose();
    }
}
