using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AlexNet.Core.Diagnostics;

/// <summary>
/// What <see cref="AlexNetEnvironment.Describe"/> found. <see cref="ToString"/> gives all of it as lines to print (versions,
/// library paths, the libstdc++ fix, CUDA devices, threads, bfloat16 support, runtime); the properties are what a program
/// decides on.
/// </summary>
public sealed class EnvironmentReport
{
    internal EnvironmentReport()
    {
    }

    /// <summary>TorchSharp's assembly version (for example 0.107.0).</summary>
    internal string TorchSharpVersion { get; init; } = string.Empty;

    /// <summary>LibTorch's version as TorchSharp reports it (<c>torch.__version__</c>), or null when the backend did not load.</summary>
    internal string? LibTorchVersion { get; init; }

    /// <summary>True when TorchSharp's native backend loaded.</summary>
    public bool NativeBackendLoaded { get; internal init; }

    /// <summary>Which backend: "cpu" or "cuda", from the native libraries in the process; null when none loaded.</summary>
    internal string? NativeBackend { get; init; }

    /// <summary>The loaded libtorch_cpu.so (or torch_cpu.dll), when it can be seen.</summary>
    internal string? LibTorchPath { get; init; }

    /// <summary>The loaded libLibTorchSharp.so, when it can be seen.</summary>
    internal string? LibTorchSharpPath { get; init; }

    /// <summary>The error TorchSharp gave when its backend failed to load, or null.</summary>
    internal string? BackendError { get; init; }

    /// <summary>The system libstdc++ (Linux), or null.</summary>
    internal string? SystemLibStdCxx { get; init; }

    /// <summary>
    /// The Debian 12 / Ubuntu 22.04 libstdc++ fix: "not needed" (the system libstdc++ provides GLIBCXX_3.4.32),
    /// "applied" (it does not, and TorchSharp's library loaded anyway: this build's copy was patched), "not applied"
    /// (it does not, and the backend failed), or "not applicable" (not Linux).
    /// </summary>
    internal string LibStdCxxFix { get; init; } = string.Empty;

    /// <summary>True when a CUDA device is available to TorchSharp.</summary>
    public bool CudaAvailable { get; internal init; }

    /// <summary>Number of CUDA devices.</summary>
    internal int CudaDeviceCount { get; init; }

    /// <summary>LibTorch's intra-op threads (<c>torch.get_num_threads()</c>), or 0 when the backend did not load.</summary>
    internal int Threads { get; init; }

    /// <summary>Logical processors the process sees.</summary>
    internal int ProcessorCount { get; init; }

    /// <summary>The CPU's bfloat16 instructions (avx512_bf16, amx_bf16), "none" (LibTorch then emulates bfloat16, slowly), or "unknown".</summary>
    internal string CpuBFloat16 { get; init; } = string.Empty;

    /// <summary>LibTorch's huge-page allocations (<c>THP_MEM_ALLOC_ENABLE</c>, see <see cref="HugePageAllocations"/>): its value and who set it.</summary>
    internal string HugePages { get; init; } = string.Empty;

    /// <summary>OS and .NET runtime.</summary>
    internal string Runtime { get; init; } = string.Empty;

    /// <summary>Problems found, each with what to do; empty when the environment is ready.</summary>
    public IReadOnlyList<string> Problems { get; internal init; } = System.Array.Empty<string>();

    /// <summary>The report as "name: value" lines, problems last.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(string name, object? value) => text.Append(CultureInfo.InvariantCulture, $"{name,-22}{value ?? "-"}\n");
        Line("TorchSharp:", TorchSharpVersion);
        Line("LibTorch:", LibTorchVersion);
        Line("Native backend:", NativeBackendLoaded ? $"loaded ({NativeBackend ?? "unknown"})" : "NOT loaded");
        Line("libtorch:", LibTorchPath);
        Line("libLibTorchSharp:", LibTorchSharpPath);
        Line("System libstdc++:", SystemLibStdCxx);
        Line("libstdc++ fix:", LibStdCxxFix);
        Line("CUDA:", CudaAvailable ? string.Create(CultureInfo.InvariantCulture, $"available, {CudaDeviceCount} device(s)") : "not available");
        Line("Threads:", string.Create(CultureInfo.InvariantCulture, $"{Threads} LibTorch threads, {ProcessorCount} logical processors"));
        Line("CPU bfloat16:", CpuBFloat16);
        Line("Huge-page tensors:", HugePages);
        Line("Runtime:", Runtime);
        if (Problems.Count == 0)
        {
            text.Append("No problems found.\n");
        }
        else
        {
            foreach (string problem in Problems)
            {
                text.Append("PROBLEM: ").Append(problem).Append('\n');
            }
        }

        return text.ToString();
    }
}
