using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Metrics;

/// <summary>
/// Accumulates classification metrics (loss, top-1, top-5, optionally a confusion matrix) as tensors on the training
/// device. <see cref="Update"/> only queues device operations and never reads a value back, so a training step pays
/// no host synchronisation; <see cref="Read"/> copies the sums to the host once, at log intervals and epoch ends.
/// </summary>
/// <remarks>
/// Sums are kept in float64 (loss) and int64 (counts) so long epochs lose no precision. The accumulator owns its
/// tensors; dispose it when done.
/// </remarks>
internal sealed class ClassificationAccumulator : IDisposable
{
    private const long NoStep = long.MaxValue;

    private readonly Device _device;
    private readonly bool _trackConfusion;
    private readonly Func<Tensor, Tensor>? _reduceSums;
    private readonly Tensor _lossSum;
    private readonly Tensor _lossSamples;
    private readonly Tensor _samples;
    private readonly Tensor _top1;
    private readonly Tensor _top5;
    private readonly Tensor _nonFinite;
    private readonly Tensor _firstNonFinite;
    private Tensor? _confusion;
    private int _classCount;
    private bool _disposed;

    /// <summary>Creates empty sums on <paramref name="device"/>.</summary>
    /// <param name="device">Where the sums live; the outputs and labels passed to <see cref="Update"/> must be there too.</param>
    /// <param name="trackConfusion">Also accumulate a confusion matrix (and so per-class accuracy).</param>
    /// <param name="reduceSums">
    /// In a distributed run, adds host sums (float64 or int64) over the processes, so <see cref="Read"/> and
    /// <see cref="ReadConfusionMatrix"/> return global figures on every process (both become collectives); null in one process.
    /// The step of the first non-finite loss stays this process's.
    /// </param>
    public ClassificationAccumulator(Device device, bool trackConfusion = false, Func<Tensor, Tensor>? reduceSums = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _trackConfusion = trackConfusion;
        _reduceSums = reduceSums;
        _lossSum = NewSum(float64);
        _lossSamples = NewSum(int64);
        _samples = NewSum(int64);
        _top1 = NewSum(int64);
        _top5 = NewSum(int64);
        _nonFinite = NewSum(int64);
        _firstNonFinite = NewSum(int64, NoStep);
    }

    /// <summary>How many times the sums were copied to the host (by <see cref="Read"/> and <see cref="ReadConfusionMatrix"/>).</summary>
    public long ReadCount { get; private set; }

    /// <summary>Number of classes seen (the width of the scores), 0 before the first update.</summary>
    public int ClassCount => _classCount;

    /// <summary>
    /// Adds one batch: <paramref name="scores"/> N x K (logits, log-probabilities or probabilities: any score whose
    /// order ranks the classes), <paramref name="labels"/> N (int64), and optionally the batch's mean loss (a scalar
    /// tensor) with the step number that produced it (used to name the first non-finite loss).
    /// </summary>
    /// <remarks>Queues device operations only; never synchronises with the host.</remarks>
    /// <exception cref="ArgumentException">The scores are not N x K, or the class count changed between updates.</exception>
    public void Update(Tensor scores, Tensor labels, Tensor? meanLoss = null, long step = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.dim() != 2 || labels.dim() != 1 || scores.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"Scores must be N x K with one label per row; got scores [{string.Join(", ", scores.shape)}] and labels [{string.Join(", ", labels.shape)}].", nameof(scores));
        }

        int classCount = checked((int)scores.shape[1]);
        if (_classCount != 0 && classCount != _classCount)
        {
            throw new ArgumentException($"The accumulator has seen {_classCount} classes; this batch has {classCount}.", nameof(scores));
        }

        _classCount = classCount;
        long count = scores.shape[0];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // The scalars are owned here and live to the end of the method: TorchSharp hands a Scalar's native handle to
        // LibTorch without keeping the Scalar alive, so an implicit temporary (add_'s default alpha of 1, a long
        // converted on the fly) can be finalized by another thread's collection in the middle of the call; seen once
        // in CI as "For integral input tensors, argument alpha must not be a floating point number".
        using Scalar one = 1L;
        using Scalar samples = count;
        var detached = scores.detach();
        int k = Math.Min(5, classCount);
        var (_, topIndices) = detached.topk(k, dim: 1);
        var correct = topIndices.eq(labels.unsqueeze(1));
        _samples.add_(samples, one);
        _top1.add_(correct.select(1, 0).sum(), one);
        _top5.add_(correct.sum(), one);
        if (meanLoss is not null)
        {
            var loss = meanLoss.detach().to(float64);
            _lossSum.add_(loss.mul(samples), one);
            _lossSamples.add_(samples, one);

            // (x - x) is 0 for finite x and NaN for NaN or +-Inf: a finiteness test that needs no host read.
            var bad = loss.sub(loss).ne(0).to(int64);
            _nonFinite.add_(bad, one);
            using Scalar offset = step - NoStep;
            using Scalar noStep = NoStep;
            var candidate = bad.mul(offset).add(noStep, one);
            _firstNonFinite.copy_(minimum(_firstNonFinite, candidate));
        }

        if (_trackConfusion)
        {
            _confusion ??= zeros(new long[] { classCount, classCount }, dtype: int64, device: _device).DetachFromDisposeScope();
            var cells = labels.mul(classCount).add(topIndices.select(1, 0));
            _confusion.view(-1).index_add_(0, cells, ones_like(cells), 1);
        }
    }

    /// <summary>Copies the sums to the host (one synchronisation) and returns the metrics.</summary>
    public ClassificationMetrics Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReadCount++;
        using var scope = NewDisposeScope();
        long[] counts = stack(new[] { _samples, _top1, _top5, _nonFinite, _firstNonFinite, _lossSamples }).cpu().data<long>().ToArray();
        double lossSum = _lossSum.cpu().item<double>();
        if (_reduceSums is not null)
        {
            double[] local = { lossSum, counts[0], counts[1], counts[2], counts[3], counts[5] };
            double[] global = _reduceSums(tensor(local, float64)).data<double>().ToArray();
            (lossSum, counts[0], counts[1], counts[2], counts[3], counts[5]) =
                (global[0], (long)global[1], (long)global[2], (long)global[3], (long)global[4], (long)global[5]);
        }

        long samples = counts[0];
        long lossSamples = counts[5];
        return new ClassificationMetrics(
            samples,
            lossSamples == 0 ? double.NaN : lossSum / lossSamples,
            samples == 0 ? double.NaN : (double)counts[1] / samples,
            samples == 0 ? double.NaN : (double)counts[2] / samples,
            counts[3],
            counts[4] == NoStep ? null : counts[4]);
    }

    /// <summary>Copies the confusion matrix to the host, or returns null when it is not tracked or nothing was seen.</summary>
    public ConfusionMatrix? ReadConfusionMatrix()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_confusion is null)
        {
            return null;
        }

        ReadCount++;
        using var scope = NewDisposeScope();
        var cpu = _confusion.cpu().contiguous();
        var total = _reduceSums is null ? cpu : _reduceSums(cpu.clone());
        return new ConfusionMatrix(_classCount, total.data<long>().ToArray());
    }

    /// <summary>Sets every sum back to zero (device operations only).</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // TorchSharp's zero_() zeroes in place but returns a new handle: the scope disposes those handles.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var sum in Sums())
        {
            sum.zero_();
        }

        _firstNonFinite.fill_(NoStep);
        _confusion?.zero_();
    }

    /// <summary>The sums as named tensors (shared, not copies), for checkpoints.</summary>
    internal IReadOnlyList<(string Name, Tensor Value)> StateTensors()
    {
        var state = new List<(string, Tensor)>
        {
            ("loss_sum", _lossSum), ("loss_samples", _lossSamples), ("samples", _samples), ("top1", _top1),
            ("top5", _top5), ("non_finite", _nonFinite), ("first_non_finite", _firstNonFinite),
        };
        if (_confusion is not null)
        {
            state.Add(("confusion", _confusion));
        }

        return state;
    }

    /// <summary>Replaces the sums with copies of <paramref name="state"/> (as written by <see cref="StateTensors"/>).</summary>
    /// <exception cref="ArgumentException">A sum is missing or has the wrong dtype or shape.</exception>
    internal void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        foreach (var (name, target) in StateTensors().Where(s => s.Name != "confusion"))
        {
            if (!state.TryGetValue(name, out var source) || source.dtype != target.dtype || source.numel() != 1)
            {
                throw new ArgumentException($"Accumulator state '{name}' is missing or is not a {target.dtype} scalar.", nameof(state));
            }

            target.copy_(source.reshape(target.shape));
        }

        if (state.TryGetValue("confusion", out var confusion))
        {
            _classCount = checked((int)confusion.shape[0]);
            _confusion?.Dispose();
            _confusion = confusion.to(int64).to(_device, copy: true).DetachFromDisposeScope();
        }
    }

    /// <summary>Disposes the sums.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var (_, tensor) in StateTensors())
        {
            tensor.Dispose();
        }
    }

    private IEnumerable<Tensor> Sums() => new[] { _lossSum, _lossSamples, _samples, _top1, _top5, _nonFinite };

    private Tensor NewSum(ScalarType dtype, long initial = 0) =>
        full(Array.Empty<long>(), initial, dtype: dtype, device: _device).DetachFromDisposeScope();
}
