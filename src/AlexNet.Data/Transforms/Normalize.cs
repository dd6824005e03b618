using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Per-channel standardisation <c>(x - mean[c]) / std[c]</c> of floating-point images, computed as torchvision's
/// <c>Normalize</c> (subtract, then divide), so the results are bitwise equal.
/// </summary>
internal sealed class Normalize : ImageTransform
{
    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>Creates the transform.</summary>
    /// <param name="mean">One mean per channel, or a single mean for every channel.</param>
    /// <param name="std">One standard deviation per channel (same length as <paramref name="mean"/>); each positive and finite.</param>
    /// <exception cref="ArgumentException">The lists are empty or of different lengths, a value is not finite, or a std is not positive.</exception>
    public Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0)
        {
            throw new ArgumentException("Normalize needs at least one mean.", nameof(mean));
        }

        if (std.Count != mean.Count)
        {
            throw new ArgumentException($"Normalize needs as many std values as means ({mean.Count}); got {std.Count}.", nameof(std));
        }

        for (int c = 0; c < mean.Count; c++)
        {
            if (!float.IsFinite(mean[c]))
            {
                throw new ArgumentException($"mean[{c}] must be finite; got {mean[c]}.", nameof(mean));
            }

            if (!(std[c] > 0) || !float.IsFinite(std[c]))
            {
                throw new ArgumentException($"std[{c}] must be positive and finite; got {std[c]}.", nameof(std));
            }
        }

        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>The per-channel means.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The per-channel standard deviations.</summary>
    public IReadOnlyList<float> Std => _std;

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        TransformArguments.RequireFloatingPoint(input, nameof(Normalize));
        if (_mean.Length != 1 && _mean.Length != input.Channels)
        {
            throw new ArgumentException($"Normalize has {_mean.Length} means and stds but the images have {input.Channels} channels ({input}).", "mean");
        }

        return input;
    }

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        Tensor mean = tensor(_mean, dtype: batch.dtype, device: batch.device).view(1, -1, 1, 1);
        Tensor std = tensor(_std, dtype: batch.dtype, device: batch.device).view(1, -1, 1, 1);
        return batch.sub(mean).div_(std);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Normalize(mean [{string.Join(", ", _mean)}], std [{string.Join(", ", _std)}])");
}
