using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Watches every training step for a NaN or infinite input, loss or gradient (and, when a
/// <see cref="IDivergenceGuard"/> sets one, a loss above the divergence threshold) without a host synchronisation per
/// step: each step only queues a few scalar device operations that record the first bad step and which tensor went
/// bad; <see cref="ReadAndReset"/> copies that record to the host at log intervals and epoch ends.
/// </summary>
/// <remarks>
/// Cost per step: one reduction over the input batch and one over the gradients, accumulated in float32 (a sum is
/// finite exactly when every term is, unless the terms are so large that it overflows, which is divergence too).
/// </remarks>
internal sealed class NonFiniteLossCheck : IDisposable
{
    private const long NoStep = long.MaxValue;
    private const long Input = 1;
    private const long Loss = 2;
    private const long Gradient = 3;
    private const long AboveThreshold = 4;

    /// <summary>
    /// Stands for a NaN or infinite loss in the record, which stays finite so that it can be updated arithmetically
    /// (1e300, so that the difference of two recorded values cannot overflow either).
    /// </summary>
    private const double FiniteLimit = 1e300;

    private readonly Tensor _firstStep;
    private readonly Tensor _kind;
    private readonly Tensor _loss;
    private IDivergenceGuard? _guard;
    private double _threshold = double.PositiveInfinity;

    public NonFiniteLossCheck(Device device)
    {
        _firstStep = full(Array.Empty<long>(), NoStep, dtype: int64, device: device).DetachFromDisposeScope();
        _kind = zeros(Array.Empty<long>(), dtype: int64, device: device).DetachFromDisposeScope();
        _loss = zeros(Array.Empty<long>(), dtype: float64, device: device).DetachFromDisposeScope();
    }

    /// <summary>Takes the policy and the threshold from the first <see cref="IDivergenceGuard"/> in <paramref name="hooks"/> (none: throw, no threshold).</summary>
    public void Configure(IEnumerable<TrainingHook> hooks)
    {
        _guard = hooks.OfType<IDivergenceGuard>().FirstOrDefault();
        _threshold = _guard?.DivergenceThreshold ?? double.PositiveInfinity;
    }

    /// <summary>Records step <paramref name="step"/> (device operations only; call after backward).</summary>
    public void Observe(Tensor input, Tensor loss, IReadOnlyList<Parameter> parameters, long step)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var lossValue = loss.detach().to(float64);
        var badInput = Bad(input.detach().sum(float32));
        var badLoss = Bad(lossValue);
        var gradientSums = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!.sum(float32)).ToArray();
        var badGradient = gradientSums.Length == 0 ? zeros_like(badLoss) : Bad(stack(gradientSums).sum());
        var aboveThreshold = double.IsPositiveInfinity(_threshold) ? zeros_like(badLoss) : lossValue.gt(_threshold).to(int64);

        // The first problem in priority order: input, loss, gradient, threshold (a NaN input makes everything NaN).
        var notInput = badInput.neg().add(1);
        var notLoss = badLoss.neg().add(1);
        var notGradient = badGradient.neg().add(1);
        var kind = badInput.mul(Input)
            .add(notInput.mul(badLoss).mul(Loss))
            .add(notInput.mul(notLoss).mul(badGradient).mul(Gradient))
            .add(notInput.mul(notLoss).mul(notGradient).mul(aboveThreshold).mul(AboveThreshold));
        var isNewCount = kind.gt(0).to(int64).mul(_firstStep.eq(NoStep).to(int64));
        _firstStep.add_(isNewCount.mul(_firstStep.neg().add(step)));
        _kind.add_(isNewCount.mul(kind));
        // fmax/fmin drop NaN and clip infinities, so the stored loss stays finite (NaN * 0 would not be 0).
        var finiteLoss = lossValue.fmax(full_like(lossValue, -FiniteLimit)).fmin(full_like(lossValue, FiniteLimit));
        _loss.add_(isNewCount.to(float64).mul(finiteLoss.sub(_loss)));
    }

    /// <summary>
    /// Copies the record to the host (one synchronisation) and clears it. Without a guard, a problem throws; with one,
    /// it is returned for the guard to act on.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A step went bad and no <see cref="IDivergenceGuard"/> changes the policy.</exception>
    public TrainingDivergedException? ReadAndReset(int epoch)
    {
        using var scope = NewDisposeScope();
        long[] record = stack(new[] { _firstStep, _kind }).cpu().data<long>().ToArray();
        if (record[0] == NoStep)
        {
            return null;
        }

        double loss = _loss.cpu().item<double>();
        loss = Math.Abs(loss) >= FiniteLimit ? double.NaN : loss;
        _firstStep.fill_(NoStep);
        _kind.zero_();
        _loss.zero_();
        string tensor = record[1] == Input ? "input" : record[1] == Gradient ? "gradient" : "loss";
        var problem = new TrainingDivergedException(record[0], epoch, tensor, loss, record[1] == AboveThreshold ? _threshold : null);
        if (_guard is null)
        {
            throw problem;
        }

        return problem;
    }

    /// <summary>
    /// Applies the training policy to the epoch's validation loss: without a <see cref="IDivergenceGuard"/> a NaN or
    /// infinite loss throws, as a bad training step does; with one, the guard acts on it at the epoch end (it sees
    /// <c>val_loss</c> among the epoch's values).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is not finite and no guard sets another policy.</exception>
    public void ThrowIfValidationLossNotFinite(double loss, int epoch, long step)
    {
        if (_guard is null && !double.IsFinite(loss))
        {
            throw new TrainingDivergedException(step, epoch, Metrics.MetricNames.ValidationLoss, loss, null);
        }
    }

    public void Dispose()
    {
        _firstStep.Dispose();
        _kind.Dispose();
        _loss.Dispose();
    }

    private static Tensor Bad(Tensor value) => value.sub(value).ne(0).to(int64); // (x - x) is NaN exactly for NaN and infinities; runs on the meta device too
}
