using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Asks Linux to back a large, freshly allocated CPU tensor with transparent huge pages before it is first written.
/// </summary>
/// <remarks>
/// glibc maps every allocation above 32 MB afresh and unmaps it when freed, so each such tensor (a batch of 128
/// 227 x 227 RGB float images is 79 MB) is zeroed by the kernel one 4 KiB page fault at a time on first touch, which costs
/// as much as the resize that fills it. <c>madvise(MADV_HUGEPAGE)</c> makes that 2 MiB faults instead, as LibTorch's own
/// <c>THP_MEM_ALLOC_ENABLE=1</c> does for every tensor. The hint changes no value and nothing outside the tensor; where
/// it is refused (THP "never", another OS) nothing happens.
/// </remarks>
internal static class HugePageHint
{
    /// <summary>Tensors at least this large get the hint: glibc serves smaller ones from reused heap memory.</summary>
    public const long MinimumBytes = 32L << 20;

    private const int MadviseHugePage = 14;
    private const long PageSize = 4096;

    private static bool _available = true;

    /// <summary>An uninitialised float32 tensor of <paramref name="shape"/> on <paramref name="device"/>; on a Linux CPU, huge-page backed where the kernel allows it.</summary>
    public static Tensor EmptyFloat(long[] shape, Device device)
    {
        Tensor result = empty(shape, ScalarType.Float32, device);
        if (_available && device.type == DeviceType.CPU && OperatingSystem.IsLinux() && result.NumberOfElements * result.ElementSize >= MinimumBytes)
        {
            Advise(result);
        }

        return result;
    }

    private static void Advise(Tensor tensor)
    {
        using Storage<float> storage = tensor.storage<float>();
        long start = (long)storage.data_ptr();
        long end = start + (tensor.NumberOfElements * tensor.ElementSize);
        long alignedStart = (start + PageSize - 1) / PageSize * PageSize;
        long alignedEnd = end / PageSize * PageSize;
        if (alignedEnd <= alignedStart)
        {
            return;
        }

        try
        {
            _ = madvise((IntPtr)alignedStart, (UIntPtr)(ulong)(alignedEnd - alignedStart), MadviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without madvise under this name: the hint is only an optimisation.
            _available = false;
        }
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int madvise(IntPtr address, UIntPtr length, int advice);
}
