using System;
using System.Linq;
using AlexNet.Core.Distributed;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Batch norm in training mode over the batches of all processes (PyTorch's SyncBatchNorm): per channel, the sum, the
/// sum of squares and the count of every process are added by one differentiable allreduce (in float64), the input is
/// normalised with the global mean and biased variance, and the running statistics move towards the global mean and
/// unbiased variance. Autograd's backward pass through that allreduce adds every process's gradient with respect to
/// the sums, so each input's gradient is that of one process holding the whole batch.
/// </summary>
internal static class GlobalBatchNorm
{
    /// <summary>
    /// <paramref name="module"/>'s training-mode output for <paramref name="input"/> (N x C x ...), normalised with the
    /// statistics of every process's input; updates the module's running statistics and batch counter as its own
    /// training forward would.
    /// </summary>
    /// <exception cref="ArgumentException">The whole batch holds a single value per channel.</exception>
    public static Tensor Forward(TorchSharp.Modules.BatchNorm module, Tensor input, ICollectives collectives)
    {
        long channels = input.shape[1];
        long[] reduced = Enumerable.Range(0, (int)input.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
        long[] perChannel = Enumerable.Range(0, (int)input.dim()).Select(d => d == 1 ? channels : 1L).ToArray();
        double localCount = checked(input.numel() / Math.Max(channels, 1));

        var wide = input.to(ScalarType.Float64);
        using var count = tensor(new[] { localCount }, ScalarType.Float64, input.device);
        var local = cat(new[] { wide.sum(reduced), wide.square().sum(reduced), count });
        var global = DifferentiableAllReduce.apply(local, collectives);
        double total = global[channels * 2].item<double>();
        if (total <= 1)
        {
            throw new ArgumentException(
                "Synchronised batch norm needs more than 1 value per channel over all processes in training; "
                + $"got input shape [{string.Join(", ", input.shape)}].");
        }

        var mean = global.narrow(0, 0, channels) / total;
        var variance = (global.narrow(0, channels, channels) / total - mean.square()).clamp_min(0);
        var invStd = (variance + module.eps).rsqrt();
        var output = (input - mean.to(input.dtype).view(perChannel)) * invStd.to(input.dtype).view(perChannel);
        if (module.weight is { } weight)
        {
            output = output * weight.view(perChannel);
        }

        if (module.bias is { } bias)
        {
            output = output + bias.view(perChannel);
        }

        UpdateRunningStatistics(module, mean, variance * (total / (total - 1)));
        return output;
    }

    private static void UpdateRunningStatistics(TorchSharp.Modules.BatchNorm module, Tensor mean, Tensor unbiasedVariance)
    {
        if (!module.track_running_stats || module.running_mean is not { } runningMean || module.running_var is not { } runningVar)
        {
            return;
        }

        using var noGrad = no_grad();
        double factor = module.momentum ?? 0.0;
        if (module.num_batches_tracked is { } tracked)
        {
            tracked.add_(1);
            factor = module.momentum ?? 1.0 / tracked.item<long>();
        }

        runningMean.mul_(1 - factor).add_(mean.detach().to(runningMean.dtype), alpha: factor);
        runningVar.mul_(1 - factor).add_(unbiasedVariance.detach().to(runningVar.dtype), alpha: factor);
    }
}
