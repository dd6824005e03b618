using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace AlexNet.Core.Distributed;

/// <summary>
/// A sum over processes that autograd can differentiate (as <c>torch.distributed.nn.all_reduce</c>): the forward pass
/// returns the float64 tensor's sum over the processes of the collectives; the backward pass returns the sum over
/// processes of the incoming gradient, so each process's input receives the gradient of every process's use of the
/// sum. Both passes stage the values through host memory and are one allreduce each; every process must call it in
/// the same order.
/// </summary>
/// <remarks>Apply it as <c>DifferentiableAllReduce.apply(tensor, collectives)</c> with a float64 tensor.</remarks>
internal sealed class DifferentiableAllReduce : autograd.SingleTensorFunction<DifferentiableAllReduce>
{
    private const string CollectivesKey = "collectives";

    /// <inheritdoc />
    public override string Name => nameof(DifferentiableAllReduce);

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var input = (Tensor)vars[0];
        var collectives = (ICollectives)vars[1];
        ctx.save_data(CollectivesKey, collectives);
        return Sum(input, collectives);
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var collectives = (ICollectives)ctx.get_data(CollectivesKey);
        return new List<Tensor> { Sum(grad_output, collectives), null! };
    }

    /// <summary>A new tensor on <paramref name="tensor"/>'s device: its sum over the processes.</summary>
    private static Tensor Sum(Tensor tensor, ICollectives collectives)
    {
        if (tensor.dtype != ScalarType.Float64)
        {
            throw new ArgumentException($"The differentiable allreduce sums float64 tensors; got {tensor.dtype}.", nameof(tensor));
        }

        using var host = tensor.detach().to(CPU, copy: true).contiguous();
        collectives.AllReduceSum(host.bytes, ReduceElement.Float64);
        return host.to(tensor.device, copy: true);
    }
}
