using TorchSharp;

namespace AlexNet.Tests.Shared;

/// <summary>
/// A fact that runs only where TorchSharp sees a CUDA device (an app built with -p:AlexNetTorchBackend=cuda-linux on
/// a GPU machine); elsewhere it is reported as skipped with the reason.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when no CUDA device is available.</summary>
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
        {
            Skip = "no CUDA device: build with -p:AlexNetTorchBackend=cuda-linux and run on a machine with an NVIDIA GPU";
        }
    }
}
