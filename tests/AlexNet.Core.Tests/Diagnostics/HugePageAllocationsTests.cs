using System;
using System.Globalization;
using System.IO;
using AlexNet.Core.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Diagnostics;

/// <summary>
/// LibTorch's huge-page allocations, which AlexNet.Core turns on when it loads (see <see cref="HugePageAllocations"/>).
/// The test assembly loads AlexNet.Core's module before any test (tests/Shared/AlexNetCoreFirst.cs), as an app that uses
/// the library first does, so that no test that makes a tensor with TorchSharp alone runs before LibTorch reads the variable.
/// </summary>
public class HugePageAllocationsTests
{
    [Fact]
    public void Loading_the_library_sets_THP_MEM_ALLOC_ENABLE_for_native_code_unless_the_process_set_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            HugePageAllocations.NativeValue.Should().BeNull();
            return;
        }

        string? fromStart = Environment.GetEnvironmentVariable(HugePageAllocations.Variable);
        HugePageAllocations.NativeValue.Should().Be(fromStart ?? "1");
        HugePageAllocations.SetByAlexNet.Should().Be(fromStart is null);
        AlexNetEnvironment.Describe().ToString().Should().Contain("Huge-page tensors:    THP_MEM_ALLOC_ENABLE=");
    }

    [HugePageFact]
    public void A_64_MiB_tensor_is_backed_by_huge_pages()
    {
        using Tensor big = ones(16L << 20, ScalarType.Float32);   // 64 MiB, every page touched
        using var storage = big.storage<float>();
        long address = (long)storage.data_ptr();

        long hugeKb = AnonHugePagesKb(address);

        hugeKb.Should().BeGreaterThan(0, "LibTorch advises huge pages for blocks of 2 MiB and more when THP_MEM_ALLOC_ENABLE=1");
    }

    /// <summary>The AnonHugePages of the mapping of /proc/self/smaps that holds <paramref name="address"/>.</summary>
    private static long AnonHugePagesKb(long address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                string[] range = fields[0].Split('-');
                long start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                inside = address >= start && address < end;
            }
            else if (inside && fields.Length >= 2 && fields[0] == "AnonHugePages:")
            {
                return long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No mapping in /proc/self/smaps holds 0x{address:x}.");
    }
}

/// <summary>A fact that runs where the kernel gives transparent huge pages on request and the test process left THP_MEM_ALLOC_ENABLE to the library.</summary>
public sealed class HugePageFactAttribute : FactAttribute
{
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";

    public HugePageFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Setting))
        {
            Skip = "transparent huge pages are a Linux feature and this kernel does not offer them (" + Setting + " is missing)";
        }
        else if (File.ReadAllText(Setting).Contains("[never]", StringComparison.Ordinal))
        {
            Skip = "the kernel's transparent huge pages are set to never (" + Setting + ")";
        }
        else if (Environment.GetEnvironmentVariable(HugePageAllocations.Variable) is { } value && value != "1")
        {
            Skip = $"the test process was started with {HugePageAllocations.Variable}={value}";
        }
    }
}
