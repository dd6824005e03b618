using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// What one training or validation batch produced, passed to the batch-end hooks. The tensors live on the training
/// device and are disposed when the step ends: read them inside the hook call, and remember that reading a value back
/// (<c>item()</c>, <c>ToArray()</c>) makes the host wait for the device.
/// </summary>
public sealed class BatchOutput
{
    internal BatchOutput(Batch batch, Tensor outputs, Tensor loss)
    {
        Batch = batch;
        Outputs = outputs;
        Loss = loss;
    }

    /// <summary>The batch as it came from the source (tensors not yet moved to the device).</summary>
    public Batch Batch { get; }

    /// <summary>The model outputs, N x K (logits or log-probabilities), detached from the graph.</summary>
    public Tensor Outputs { get; }

    /// <summary>The batch's mean loss, a scalar, detached from the graph.</summary>
    public Tensor Loss { get; }
}
