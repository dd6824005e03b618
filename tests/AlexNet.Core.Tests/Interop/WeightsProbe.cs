using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// Runs tests/AlexNet.WeightsLoadProbe (built beside the tests) on one file in a child process, so a crash (a stack
/// overflow) or a memory blow-up cannot take the test host down, and reports what it printed.
/// </summary>
public static class WeightsProbe
{
    /// <summary>The probe's outcome line ("ok N" or "TYPE: message") and its peak resident memory in bytes.</summary>
    public static (string Outcome, long PeakBytes, int ExitCode, string Output) Run(string mode, string path)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "AlexNet.WeightsLoadProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(path);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
        }

        string output = stdout + stderr.GetAwaiter().GetResult();
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string outcome = lines.FirstOrDefault(l => l.StartsWith("outcome ", StringComparison.Ordinal))?["outcome ".Length..] ?? string.Empty;
        string? peak = lines.FirstOrDefault(l => l.StartsWith("peak-rss-kb ", StringComparison.Ordinal));
        long peakBytes = peak is null ? -1 : long.Parse(peak["peak-rss-kb ".Length..], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return (outcome, peakBytes, process.HasExited ? process.ExitCode : -1, output);
    }
}
