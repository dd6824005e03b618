using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AlexNet.Core.Tests.Training.Distributed;

/// <summary>Runs tests/AlexNet.DistributedProbe as one process, or as N ranks under MPICH's mpirun.mpich.</summary>
internal static class MpiProbe
{
    /// <summary>The launcher, or null where MPICH is not installed.</summary>
    public static readonly string? Launcher = FindOnPath("mpirun.mpich");

    /// <summary>Why the distributed tests cannot run here, or null.</summary>
    public static string? UnavailableReason => Launcher is null
        ? "mpirun.mpich is not on PATH: install MPICH (apt-get install mpich, as build/setup-debian.sh does) to run the distributed tests."
        : null;

    /// <summary>Runs the probe with <paramref name="arguments"/> under mpirun.mpich -np <paramref name="ranks"/> (or alone for 1).</summary>
    public static async Task<(int ExitCode, string Output, TimeSpan Elapsed)> Run(int ranks, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "AlexNet.DistributedProbe.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(ranks == 1 ? dotnet : Launcher!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ranks != 1)
        {
            start.ArgumentList.Add("-np");
            start.ArgumentList.Add(ranks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 3 minutes\n" + await stdout + await stderr, clock.Elapsed);
        }

        return (process.ExitCode, await stdout + await stderr, clock.Elapsed);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that runs only where MPICH's mpirun.mpich is installed; elsewhere it is skipped with the reason.</summary>
public sealed class DistributedFactAttribute : FactAttribute
{
    public DistributedFactAttribute()
    {
        if (MpiProbe.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that runs only where MPICH's mpirun.mpich is installed; elsewhere it is skipped with the reason.</summary>
public sealed class DistributedTheoryAttribute : TheoryAttribute
{
    public DistributedTheoryAttribute()
    {
        if (MpiProbe.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
