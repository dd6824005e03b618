using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Distributed;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The gradients of a model as a few contiguous float32 buckets in host memory, averaged across processes by one
/// in-place allreduce per bucket (as PyTorch's DDP buckets, not one call per parameter). Gradients on a GPU are
/// staged through these host buffers. A parameter without a gradient counts as zeros and keeps no gradient. With
/// <see cref="GradientCompression.BFloat16"/> each bucket travels as bfloat16 (half the bytes).
/// </summary>
internal sealed class GradientBuckets : IDisposable
{
    private readonly List<(Parameter[] Parameters, Tensor Flat)> _buckets = new();
    private readonly GradientCompression _compression;

    /// <summary>
    /// Groups <paramref name="parameters"/>, in order, into buckets of about <paramref name="bucketBytes"/> bytes (of
    /// float32), reduced as <paramref name="compression"/> says.
    /// </summary>
    /// <exception cref="NotSupportedException">A parameter is not float32.</exception>
    public GradientBuckets(IReadOnlyList<Parameter> parameters, long bucketBytes, GradientCompression compression = GradientCompression.None)
    {
        _compression = compression;
        var current = new List<Parameter>();
        long currentElements = 0;
        foreach (var parameter in parameters)
        {
            if (parameter.dtype != ScalarType.Float32)
            {
                throw new NotSupportedException($"Distributed training averages float32 gradients; a parameter is {parameter.dtype}.");
            }

            current.Add(parameter);
            currentElements = checked(currentElements + parameter.numel());
            if (currentElements * sizeof(float) >= bucketBytes)
            {
                Close(current, currentElements);
                current = new List<Parameter>();
                currentElements = 0;
            }
        }

        if (current.Count > 0)
        {
            Close(current, currentElements);
        }
    }

    /// <summary>How many buckets (allreduce calls per step).</summary>
    public int Count => _buckets.Count;

    /// <summary>Replaces every parameter's gradient with its mean over the processes of <paramref name="collectives"/>.</summary>
    public void AllReduceMean(ICollectives collectives)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (parameters, flat) in _buckets)
        {
            long offset = 0;
            foreach (var parameter in parameters)
            {
                long n = parameter.numel();
                var slot = flat.narrow(0, offset, n);
                if (parameter.grad is { } grad)
                {
                    slot.copy_(grad.reshape(-1));
                }
                else
                {
                    slot.zero_();
                }

                offset += n;
            }

            AllReduceSum(collectives, flat);
            flat.div_(collectives.WorldSize);
            offset = 0;
            foreach (var parameter in parameters)
            {
                long n = parameter.numel();
                if (parameter.grad is { } grad)
                {
                    grad.copy_(flat.narrow(0, offset, n).view(grad.shape));
                }

                offset += n;
            }
        }
    }

    /// <summary>
    /// Replaces <paramref name="flat"/> with its sum over processes: as float32, or rounded to bfloat16 (nearest, ties to
    /// even), summed in bfloat16 and widened back (exactly) to float32.
    /// </summary>
    private void AllReduceSum(ICollectives collectives, Tensor flat)
    {
        if (_compression == GradientCompression.None)
        {
            collectives.AllReduceSum(flat.bytes, ReduceElement.Float32);
            return;
        }

        using var compressed = flat.to(ScalarType.BFloat16).contiguous();
        collectives.AllReduceSum(compressed.bytes, ReduceElement.BFloat16);
        flat.copy_(compressed);
    }

    /// <summary>Releases the host buffers.</summary>
    public void Dispose()
    {
        foreach (var (_, flat) in _buckets)
        {
            flat.Dispose();
        }

        _buckets.Clear();
    }

    private void Close(List<Parameter> parameters, long elements) =>
        _buckets.Add((parameters.ToArray(), zeros(new[] { elements }, ScalarType.Float32, CPU).DetachFromDisposeScope()));
}
