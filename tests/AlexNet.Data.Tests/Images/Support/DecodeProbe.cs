using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AlexNet.Data.Tests.Images.Support;

/// <summary>What one run of AlexNet.ImageDecodeProbe (a decode in a process of its own) printed and how it ended.</summary>
internal sealed record DecodeProbeResult(int ExitCode, string Outcome, long PeakRssKb, long ManagedAllocatedBytes, string Output)
{
    /// <summary>
    /// Runs the probe on <paramref name="file"/> with ShorterSide, CenterCrop ("-" for none) and MaxImagePixels
    /// ("default", "none" or a number).
    /// </summary>
    public static async Task<DecodeProbeResult> RunAsync(string file, string shorterSide, string crop, string maxPixels)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "AlexNet.ImageDecodeProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, file, shorterSide, crop, maxPixels })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        string output = await stdout + await stderr;
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        long Value(string key) => lines.Where(l => l.StartsWith(key + " ", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(key.Length + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).First();
        string outcome = lines.FirstOrDefault(l => l.StartsWith("decoded", StringComparison.Ordinal) || l.StartsWith("refused", StringComparison.Ordinal)
            || l.StartsWith("escaped", StringComparison.Ordinal)) ?? string.Empty;
        return new DecodeProbeResult(process.ExitCode, outcome, Value("peak-rss-kb"), Value("managed-allocated-bytes"), output);
    }
}
