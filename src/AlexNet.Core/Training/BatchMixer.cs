using System;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Applies per-row mixing to a batch on its device, as timm's <c>Mixup</c>: row i is mixed with row N - 1 - i of the
/// original batch (mixup: lambda * x + (1 - lambda) * partner; CutMix: the partner's pixels inside the box), and the
/// targets are the smoothed one-hot labels mixed the same way (timm's <c>mixup_target</c>).
/// </summary>
internal sealed class BatchMixer
{
    private readonly BatchMixDraw[] _rows;

    private BatchMixer(BatchMixDraw[] rows)
    {
        _rows = rows;
    }

    /// <summary>The per-row draws (after expansion from the groups).</summary>
    public BatchMixDraw[] Rows => _rows;

    /// <summary>
    /// Expands group draws to <paramref name="rows"/> rows: one group for the whole batch, one per pair (row i and
    /// N - 1 - i; the middle row of an odd batch unmixed) or one per row. Pair and element weights are rounded to
    /// float32, as timm keeps them in a float32 array.
    /// </summary>
    /// <exception cref="ArgumentException">The number of groups does not fit the mode and the batch size.</exception>
    public static BatchMixer ForRows(BatchMixDraw[] groups, BatchMixingMode mode, int rows)
    {
        int expected = GroupCount(mode, rows);
        if (groups.Length != expected)
        {
            throw new ArgumentException($"{mode} mixing of {rows} rows takes {expected} draws; got {groups.Length}.", nameof(groups));
        }

        var perRow = new BatchMixDraw[rows];
        for (int i = 0; i < rows; i++)
        {
            perRow[i] = mode switch
            {
                BatchMixingMode.Batch => groups[0],
                BatchMixingMode.Element => RoundedToFloat(groups[i]),
                _ => 2 * i + 1 == rows ? BatchMixDraw.None : RoundedToFloat(groups[Math.Min(i, rows - 1 - i)]),
            };
        }

        return new BatchMixer(perRow);
    }

    /// <summary>How many draws a batch of <paramref name="rows"/> takes in <paramref name="mode"/>.</summary>
    public static int GroupCount(BatchMixingMode mode, int rows) => mode switch
    {
        BatchMixingMode.Batch => 1,
        BatchMixingMode.Pair => rows / 2,
        _ => rows,
    };

    /// <summary>The mixed batch (a new tensor, same shape, dtype and device as <paramref name="images"/>, N x C x H x W).</summary>
    public Tensor MixImages(Tensor images)
    {
        long n = images.shape[0];
        long h = images.shape[2];
        long w = images.shape[3];
        using var scope = NewDisposeScope();
        Device device = images.device;
        Tensor partner = images.flip(0);
        Tensor lambda = PerRow(_rows.Select(r => (float)r.Lambda).ToArray(), images.dtype, device).view(n, 1, 1, 1);
        Tensor rest = PerRow(_rows.Select(r => (float)(1.0 - r.Lambda)).ToArray(), images.dtype, device).view(n, 1, 1, 1);
        Tensor blended = images.mul(lambda).add(partner.mul(rest));
        Tensor isMixup = tensor(_rows.Select(r => !r.CutMix && r.Lambda != 1.0).ToArray()).to(device).view(n, 1, 1, 1);
        Tensor result = where(isMixup, blended, images);
        Tensor inBox = BoxMask(h, w, device);
        return where(inBox, partner, result).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// timm's <c>mixup_target</c>: one-hot labels smoothed to off = s / K and on = 1 - s + off, mixed with the flipped
    /// batch's as lambda * y + (1 - lambda) * y_flipped; float32 N x <paramref name="classes"/> on the labels' device.
    /// </summary>
    public Tensor SoftTargets(Tensor labels, long classes, double smoothing)
    {
        long n = labels.shape[0];
        using var scope = NewDisposeScope();
        double off = smoothing / classes;
        double on = 1.0 - smoothing + off;
        Tensor onValues = full(new[] { n, 1L }, on, ScalarType.Float32, labels.device);
        Tensor own = full(new[] { n, classes }, off, ScalarType.Float32, labels.device).scatter_(1, labels.view(-1, 1), onValues);
        Tensor other = own.flip(0);
        Tensor lambda = PerRow(_rows.Select(r => (float)r.Lambda).ToArray(), ScalarType.Float32, labels.device).view(n, 1);
        Tensor rest = PerRow(_rows.Select(r => (float)(1.0 - r.Lambda)).ToArray(), ScalarType.Float32, labels.device).view(n, 1);
        return own.mul(lambda).add(other.mul(rest)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// timm's <c>SoftTargetCrossEntropy</c>: mean over rows of sum(-target * log_softmax(logits)); on log-probabilities
    /// (an NLL model) the log-softmax is skipped.
    /// </summary>
    public static Tensor SoftTargetLoss(Tensor outputs, Tensor targets, bool onLogProbabilities)
    {
        using var scope = NewDisposeScope();
        Tensor logProbabilities = onLogProbabilities ? outputs : nn.functional.log_softmax(outputs, 1);
        return targets.neg().mul(logProbabilities).sum(1).mean().MoveToOuterDisposeScope();
    }

    private Tensor BoxMask(long h, long w, Device device)
    {
        long n = _rows.Length;
        Tensor Column(Func<BatchMixDraw, long> pick) =>
            tensor(_rows.Select(r => r.CutMix ? pick(r) : 0L).ToArray()).to(device).view(n, 1, 1, 1);
        Tensor y = arange(h, ScalarType.Int64, device).view(1, 1, h, 1);
        Tensor x = arange(w, ScalarType.Int64, device).view(1, 1, 1, w);
        Tensor inRows = y.ge(Column(r => r.Box.Top)).logical_and(y.lt(Column(r => r.Box.Bottom)));
        Tensor inColumns = x.ge(Column(r => r.Box.Left)).logical_and(x.lt(Column(r => r.Box.Right)));
        return inRows.logical_and(inColumns);
    }

    private static Tensor PerRow(float[] values, ScalarType dtype, Device device) => tensor(values).to(dtype, device);

    private static BatchMixDraw RoundedToFloat(BatchMixDraw draw) => draw with { Lambda = (float)draw.Lambda };
}
