using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlexNet.Core.Diagnostics;

/// <summary>
/// Turns on LibTorch's transparent-huge-page allocations (<c>THP_MEM_ALLOC_ENABLE=1</c>) for the process, unless the
/// variable is already set, as soon as AlexNet.Core is loaded and before LibTorch reads it.
/// </summary>
/// <remarks>
/// <para>
/// LibTorch's CPU allocator takes every tensor from the C library and gives it back when the tensor is freed; blocks
/// above 32 MiB come as fresh pages from the kernel each time, and a training step allocates dozens of them (an
/// activation of AlexNet at batch 128 is 40 to 75 MB). Touching fresh 4 KiB pages costs a page fault each, which on the
/// 2-core machine of docs/benchmarks.md made an element-wise operation on 37 MB ten times slower than its arithmetic
/// (62 ms against 6 ms) and a bf16-mixed training step two to three times slower. With the variable set to 1, LibTorch
/// (2.1 and later) asks the kernel for 2 MiB pages for blocks of 2 MiB and more (<c>madvise(MADV_HUGEPAGE)</c>): one
/// fault per 2 MiB. Values are unchanged; only where memory comes from changes.
/// </para>
/// <para>
/// LibTorch reads the variable once, at its first CPU allocation; when LibTorch is already loaded as AlexNet.Core loads
/// (TorchSharp used directly first), nothing is set, since LibTorch's threads may be reading the environment then.
/// Use AlexNet.Core before TorchSharp, from one thread (the samples and tests do), or start the process with the
/// variable set. To opt out, set <c>THP_MEM_ALLOC_ENABLE=0</c> in the environment
/// before starting the process. Where the kernel's transparent huge pages are "never", or outside Linux, nothing
/// changes. .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code on
/// Linux, so the C library's <c>setenv</c> is called.
/// </para>
/// </remarks>
internal static class HugePageAllocations
{
    /// <summary>The variable LibTorch reads.</summary>
    public const string Variable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>Whether this process set the variable (false when it was set before or cannot be set here).</summary>
    public static bool SetByAlexNet { get; private set; }

    /// <summary>The variable's value as native code sees it, or null when unset (or not Linux).</summary>
    public static string? NativeValue => OperatingSystem.IsLinux() ? Marshal.PtrToStringAnsi(getenv(Variable)) : null;

    /// <summary>Sets the variable to 1 unless it is set already; runs once, when the assembly is loaded.</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "LibTorch reads the variable once, at its first allocation; it must be set before any tensor the library makes.")]
    internal static void EnableUnlessSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            if (getenv(Variable) == IntPtr.Zero && !LibTorchLoaded())
            {
                SetByAlexNet = setenv(Variable, "1", 0) == 0;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            // A C library without these names, or no /proc: allocations stay as LibTorch makes them by default.
        }
    }

    /// <summary>
    /// Whether LibTorch is loaded already (TorchSharp used before AlexNet.Core): then it may have read the variable, and
    /// its threads may be reading the environment, which setenv must not change under them; nothing is set.
    /// </summary>
    private static bool LibTorchLoaded() =>
        File.Exists("/proc/self/maps") && File.ReadLines("/proc/self/maps").Any(l => l.Contains("libtorch_cpu", StringComparison.Ordinal));

    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
