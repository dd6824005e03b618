using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>Seeding, random-generator state and deterministic-mode switches.</summary>
internal static class Reproducibility
{
    /// <summary>Seeds torch's CPU generator and, where CUDA is available, every CUDA generator.</summary>
    public static void SeedAll(long seed, bool cudaAvailable)
    {
        using (torch.random.manual_seed(seed))
        {
        }

        if (cudaAvailable)
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>A copy of the default CPU generator's state (a uint8 tensor, 5,056 bytes on LibTorch 2.10).</summary>
    public static Tensor CaptureCpuState()
    {
        using var generator = Generator.Default;
        return generator.get_state().DetachFromDisposeScope();
    }

    /// <summary>Restores the default CPU generator's state.</summary>
    public static void RestoreCpuState(Tensor state)
    {
        using var generator = Generator.Default;
        generator.set_state(state);
    }

    /// <summary>
    /// The seed of step <paramref name="step"/> (SplitMix64 of seed and step): TorchSharp 0.107 cannot read the CUDA
    /// generator's state, so in deterministic mode on CUDA the generator is re-seeded from the position every step,
    /// which makes the device's random stream a function of (seed, step) and needs no stored state.
    /// </summary>
    public static long StepSeed(long seed, long step)
    {
        unchecked
        {
            ulong z = (ulong)seed + ((ulong)step * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)((z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL);
        }
    }

    /// <summary>Deterministic mode on CUDA: TF32 off for matmul and cuDNN (full float32 precision, run to run).</summary>
    public static void ConfigureCuda(bool deterministic)
    {
        if (deterministic)
        {
            torch.backends.cuda.matmul.allow_tf32 = false;
            torch.backends.cudnn.allow_tf32 = false;
        }
    }
}
