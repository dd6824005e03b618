using System;
using System.IO;
using System.Linq;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>
/// Measures how much memory an action makes the process use at its peak: resident memory (native tensors included,
/// which the GC does not see) through Linux's peak counter, reset before the action, and managed allocations.
/// </summary>
internal static class MemoryBound
{
    /// <summary>Runs <paramref name="action"/>; returns the growth of the resident peak and the managed bytes allocated, in bytes.</summary>
    public static (long PeakResidentGrowth, long ManagedAllocated) Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM to the current resident size
        long residentBefore = StatusKilobytes("VmRSS:") * 1024;
        long managedBefore = GC.GetTotalAllocatedBytes(precise: true);
        action();
        long managed = GC.GetTotalAllocatedBytes(precise: true) - managedBefore;
        long peak = StatusKilobytes("VmHWM:") * 1024;
        return (peak - residentBefore, managed);
    }

    /// <summary>True where the peak counter can be reset (Linux).</summary>
    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/proc/self/clear_refs");

    private static long StatusKilobytes(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Memory-measuring tests run alone, so that no other test's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "Memory measuring (run alone)";
}
