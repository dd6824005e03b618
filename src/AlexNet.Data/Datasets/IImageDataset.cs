using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>
/// A labelled image classification dataset that a <c>DataLoader</c> reads batches from: <see cref="Count"/> items,
/// each a uint8 image <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/> and a label in
/// [0, <c>Classes.Count</c>). Implemented by <see cref="ImageDataset"/> (tensors in memory) and by
/// <c>AlexNet.Data.Images.ImageFolder</c> (files decoded on each read).
/// </summary>
/// <remarks>
/// An implementation validates its labels when it is loaded or created; <see cref="ReadBatch"/> returns them unchecked.
/// A loader may call <see cref="ReadBatch"/> from a background thread, one call at a time.
/// </remarks>
public interface IImageDataset
{
    /// <summary>A short name for messages, such as "CIFAR-10 train".</summary>
    string Name { get; }

    /// <summary>Number of items.</summary>
    long Count { get; }

    /// <summary>The class names; label i names <c>Classes[i]</c>.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Channels per image.</summary>
    long Channels { get; }

    /// <summary>Image height in pixels.</summary>
    long Height { get; }

    /// <summary>Image width in pixels.</summary>
    long Width { get; }

    /// <summary>
    /// Reads the items at <paramref name="indices"/>, in that order, into uint8 images N x C x H x W and int64 labels N,
    /// both owned by the caller (made in the caller's current dispose scope, if any). N is <c>indices.Count</c>, or less
    /// when the dataset leaves out items it cannot read (an image folder with <c>ImageFolderOptions.SkipUnreadable</c>,
    /// which reports them); the labels are those of the images kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    (Tensor Images, Tensor Labels) ReadBatch(IReadOnlyList<long> indices);
}
