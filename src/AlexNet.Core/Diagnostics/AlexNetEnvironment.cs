using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Diagnostics;

/// <summary>
/// Describes the machine as TorchSharp sees it: versions, which native backend loaded, the Debian 12 libstdc++ fix,
/// CUDA, threads and bfloat16 support. The samples' <c>doctor</c> command prints it; docs/troubleshooting.md sends
/// users here when TorchSharp fails to start.
/// </summary>
public static class AlexNetEnvironment
{
    private const string NeededGlibcxx = "GLIBCXX_3.4.32";

    private static readonly string[] LibStdCxxCandidates =
    {
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    /// <summary>Loads TorchSharp's backend if it is not loaded yet, and reports what it found. Never throws for a missing backend: it reports it.</summary>
    public static EnvironmentReport Describe()
    {
        var problems = new List<string>();
        string? backendError = null;
        try
        {
            InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            Exception innermost = e;
            while (innermost.InnerException is not null)
            {
                innermost = innermost.InnerException;
            }

            backendError = innermost.Message.Split('\n')[0].Trim();
        }

        bool loaded = backendError is null;
        string[] mapped = MappedLibraries();
        string? libTorch = mapped.FirstOrDefault(p => Path.GetFileName(p).StartsWith("libtorch_cpu", StringComparison.Ordinal));
        string? libTorchSharp = mapped.FirstOrDefault(p => Path.GetFileName(p).StartsWith("libLibTorchSharp", StringComparison.Ordinal));
        string? backend = !loaded ? null : mapped.Any(p => Path.GetFileName(p).StartsWith("libtorch_cuda", StringComparison.Ordinal)) ? "cuda" : "cpu";

        string? systemLibStdCxx = OperatingSystem.IsLinux() ? LibStdCxxCandidates.FirstOrDefault(File.Exists) : null;
        bool? providesVersion = systemLibStdCxx is null ? null : Contains(systemLibStdCxx, NeededGlibcxx + "\0");
        string fix = !OperatingSystem.IsLinux() ? "not applicable (not Linux)"
            : providesVersion == true ? $"not needed (the system libstdc++ provides {NeededGlibcxx})"
            : loaded ? $"applied (the system libstdc++ lacks {NeededGlibcxx}, and TorchSharp's library loaded: this build's copy is patched)"
            : $"NOT applied (the system libstdc++ lacks {NeededGlibcxx})";

        if (!loaded)
        {
            problems.Add(providesVersion == false
                ? $"TorchSharp's native library did not load because the system libstdc++ lacks {NeededGlibcxx} (Debian 12, Ubuntu 22.04) and this build's copy was not patched. Reference AlexNet.Core from the app project (its build patches the output), do not build with -p:AlexNetLibStdCxxCompat=false, and see docs/debian12-ubuntu2204.md."
                : "TorchSharp's native backend did not load: reference TorchSharp-cpu (or TorchSharp-cuda-linux) in the app project, as docs/getting-started.md shows.");
        }

        bool cuda = loaded && cuda_is_available();
        int devices = cuda ? (int)TorchSharp.torch.cuda.device_count() : 0;
        return new EnvironmentReport
        {
            TorchSharpVersion = Version(typeof(TorchSharp.torch).Assembly),
            LibTorchVersion = loaded ? __version__ : null,
            NativeBackendLoaded = loaded,
            NativeBackend = backend,
            LibTorchPath = libTorch,
            LibTorchSharpPath = libTorchSharp,
            BackendError = backendError,
            SystemLibStdCxx = systemLibStdCxx,
            LibStdCxxFix = fix,
            CudaAvailable = cuda,
            CudaDeviceCount = devices,
            Threads = loaded ? get_num_threads() : 0,
            ProcessorCount = Environment.ProcessorCount,
            CpuBFloat16 = CpuBFloat16(),
            HugePages = HugePages(),
            Runtime = $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}",
            Problems = backendError is null ? problems : problems.Append("TorchSharp said: " + backendError).ToList(),
        };
    }

    private static string Version(Assembly assembly)
    {
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }

    private static string[] MappedLibraries()
    {
        try
        {
            return File.Exists("/proc/self/maps")
                ? File.ReadAllLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6)
                    .Select(f => string.Join(' ', f.Skip(5))).Where(p => p.Contains(".so", StringComparison.Ordinal)).Distinct().ToArray()
                : Array.Empty<string>();
        }
        catch (IOException)
        {
            return Array.Empty<string>();
        }
    }

    private static bool Contains(string path, string text)
    {
        byte[] needle = Encoding.ASCII.GetBytes(text);
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }

    private static string HugePages()
    {
        string? value = HugePageAllocations.NativeValue;
        return value is null ? "off (THP_MEM_ALLOC_ENABLE unset)"
            : HugePageAllocations.SetByAlexNet ? $"{HugePageAllocations.Variable}={value} (set by AlexNet.Core; set it to 0 before starting to opt out)"
            : $"{HugePageAllocations.Variable}={value} (set before AlexNet.Core loaded)";
    }

    private static string CpuBFloat16()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return "unknown (no /proc/cpuinfo)";
        }

        string? flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        if (flags is null)
        {
            return "unknown (no CPU flags in /proc/cpuinfo)";
        }

        var set = flags[(flags.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var found = new[] { "avx512_bf16", "amx_bf16" }.Where(set.Contains).ToList();
        return found.Count > 0
            ? "native (" + string.Join(", ", found) + ")"
            : "none (LibTorch emulates bfloat16 on this CPU: correct but slower than float32)";
    }
}
