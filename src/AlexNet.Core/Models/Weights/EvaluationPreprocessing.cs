using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Models.Weights;

/// <summary>
/// The evaluation preprocessing that weights expect, as data: resize the shorter side (optional), take the central
/// crop (optional), scale uint8 to [0, 1], then normalise each channel with <see cref="Mean"/> and <see cref="Std"/>.
/// AlexNet.Data's <c>StandardPipelines.Evaluation</c> builds the transform from it.
/// </summary>
public sealed class EvaluationPreprocessing
{
    /// <summary>Checks and stores the preprocessing.</summary>
    /// <param name="channels">Channels of the images, 1 or more: the length of <paramref name="mean"/> and <paramref name="std"/>.</param>
    /// <param name="mean">Per-channel mean of the [0, 1] pixels.</param>
    /// <param name="std">Per-channel standard deviation of the [0, 1] pixels, each more than 0.</param>
    /// <param name="resizeShorterSide">The shorter side after resizing (the longer keeps the aspect ratio), or null for no resize.</param>
    /// <param name="centerCropSize">The central crop, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count, size or std is out of range, or mean or std do not have <paramref name="channels"/> values.
    /// </exception>
    internal EvaluationPreprocessing(
        int channels, IReadOnlyList<float> mean, IReadOnlyList<float> std, int? resizeShorterSide = null, ImageSize? centerCropSize = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (mean.Count != channels || std.Count != channels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(mean),
                string.Create(CultureInfo.InvariantCulture, $"mean and std need one value per channel ({channels}); got {mean.Count} and {std.Count}."));
        }

        if (std.Any(s => !(s > 0)))
        {
            throw new ArgumentOutOfRangeException(nameof(std), "Every std must be more than 0.");
        }

        if (resizeShorterSide < 1 || centerCropSize is { Height: < 1 } or { Width: < 1 })
        {
            throw new ArgumentOutOfRangeException(nameof(resizeShorterSide), "The resize and the crop must be at least 1 pixel.");
        }

        Channels = channels;
        Mean = Array.AsReadOnly(mean.ToArray());
        Std = Array.AsReadOnly(std.ToArray());
        ResizeShorterSide = resizeShorterSide;
        CenterCropSize = centerCropSize;
    }

    /// <summary>Channels of the images (the length of <see cref="Mean"/> and <see cref="Std"/>).</summary>
    public int Channels { get; }

    /// <summary>Per-channel mean of the [0, 1] pixels.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Per-channel standard deviation of the [0, 1] pixels.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>The shorter side after the bilinear resize (torchvision's <c>resize_size</c>), or null for no resize.</summary>
    public int? ResizeShorterSide { get; }

    /// <summary>The central crop after the resize (torchvision's <c>crop_size</c>), or null for none.</summary>
    public ImageSize? CenterCropSize { get; }
}
