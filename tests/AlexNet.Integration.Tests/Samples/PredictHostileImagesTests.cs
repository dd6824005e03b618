using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Interop;
using AlexNet.Data.Tests.Images.Support;
using AlexNet.Samples.Common.Models;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>
/// Issue 20's done-when: <c>predict --model weights.pth --top 1 IMAGE</c> with a torchvision .pth saved by PyTorch (and
/// a model.json naming the variant and 2 classes) on a valid 1 x 1,000,000 PNG, a valid 1 x 100,000 PNG and a PNG whose
/// header claims 100000 x 100000: each run in a process of its own prints the file once, exits 0 or 1 without a stack
/// trace, and peaks under 1.5 GB of resident memory.
/// </summary>
public sealed class PredictHostileImagesTests
{
    private const long PeakLimitKb = 1536L * 1024;

    [PyTorchFact]
    public async Task Predict_answers_each_huge_or_lying_png_with_one_result_no_stack_trace_and_under_1_5_GB()
    {
        using var temp = new TempDirectory();
        string model = temp.File("model");
        Directory.CreateDirectory(model);
        PythonTorch.Run("make", """{"variant": "torchvision", "classes": 2}""", model);
        new ModelCard { Variant = Variant.TorchVision, Classes = new[] { "cat", "dog" } }.Write(model);
        string weights = Path.Combine(model, "weights.pth");
        string million = temp.File("one-by-a-million.png");
        HostileImages.WriteBlackPng(million, 1, 1_000_000);
        string hundredThousand = temp.File("one-by-100000.png");
        HostileImages.WriteBlackPng(hundredThousand, 1, 100_000);
        string claims = temp.File("claims-100000x100000.png");
        HostileImages.WriteClaimingPng(claims, 100_000, 100_000);

        foreach ((string image, int expectedCode) in new[] { (million, 0), (hundredThousand, 0), (claims, 1) })
        {
            (int code, string output, long peakKb) = await RunPredictAsync(weights, image);
            string because = $"{Path.GetFileName(image)} (exit {code}, peak {peakKb:N0} kB):\n{output}";

            code.Should().Be(expectedCode, because);
            output.Split('\n').Count(l => l.Trim() == image).Should().Be(1, because);
            output.Should().NotContain("   at ", because).And.NotContain("Exception", because);
            if (expectedCode == 0)
            {
                output.Should().MatchRegex(@"\n\s+1\s+(cat|dog)\s+[0-9.]+\s?%", because);
            }
            else
            {
                output.Should().Contain(
                    "error: the Png header gives 100,000 x 100,000 = 10,000,000,000 pixels, more than ImageDecodeOptions.MaxImagePixels", because);
            }

            peakKb.Should().BeGreaterThan(0, because).And.BeLessThan(PeakLimitKb, because);
        }
    }

    /// <summary>Runs the Predict sample in a child process under /usr/bin/time, which reports the child's peak resident size.</summary>
    private static async Task<(int Code, string Output, long PeakKb)> RunPredictAsync(string weights, string image)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Predict.dll");
        string peakFile = Path.Combine(Path.GetDirectoryName(image)!, "peak-" + Guid.NewGuid().ToString("N"));
        bool timed = File.Exists("/usr/bin/time");
        var start = new ProcessStartInfo(timed ? "/usr/bin/time" : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (timed)
        {
            foreach (string a in new[] { "-f", "%M", "-o", peakFile, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string a in new[] { dll, "predict", "--model", weights, "--top", "1", image })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        long polledKb = 0;
        while (!process.HasExited)
        {
            polledKb = Math.Max(polledKb, PeakOf(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        long peakKb = timed && File.Exists(peakFile)
            ? long.Parse(File.ReadAllLines(peakFile).Last(l => l.Length > 0).Trim(), CultureInfo.InvariantCulture)
            : polledKb;
        return (process.ExitCode, await stdout + await stderr, peakKb);
    }

    /// <summary>VmHWM of a running process (0 once it has gone).</summary>
    private static long PeakOf(int pid)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
