using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;

namespace AlexNet.Benchmarks.Interop;

/// <summary>
/// "weights-load": the time and memory of <see cref="AlexNetWeights.Load(AlexNetModel, string, WeightLoadOptions?)"/>
/// on one file into a 1000-class TorchVision AlexNet, to compare with PyTorch's <c>torch.load</c> +
/// <c>load_state_dict</c> (benchmarks/pytorch/weights_load.py prints the same lines).
/// </summary>
/// <remarks>
/// Options: <c>--file PATH</c> (required: a torchvision-shaped .pth or .safetensors), <c>--reps N</c> (default 3).
/// Prints each load's seconds, their median, the resident memory after the model is built and the process's peak
/// (VmHWM); peak minus the model's resident memory is what loading took on top. Run it as its own process: the peak
/// is the whole process's.
/// </remarks>
public sealed class WeightsLoadBenchmark : IBenchmarkSuite
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public string Name => "weights-load";

    /// <inheritdoc />
    public string Description => "seconds and peak resident memory of AlexNetWeights.Load on one file (--file PATH)";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (SuiteArgs.Option(args, "--file") is not { } path || !File.Exists(path))
        {
            Console.Error.WriteLine("weights-load: --file PATH must name an existing weights file (for example torchvision's alexnet-owt-7be5be79.pth)");
            return 2;
        }

        int reps = SuiteArgs.Int(args, "--reps", 3);
        output.WriteLine($"Load average at start: {Measure.LoadAverage("unknown")}");
        using AlexNetModel model = AlexNetFactory.Create(Variant.TorchVision, 1000);
        long modelResident = Kilobytes("VmRSS:");
        var seconds = new List<double>();
        for (int i = 0; i < reps; i++)
        {
            var clock = Stopwatch.StartNew();
            AlexNetWeights.Load(model, path);
            seconds.Add(clock.Elapsed.TotalSeconds);
            GC.Collect();
        }

        long peak = Kilobytes("VmHWM:");
        long fileMb = new FileInfo(path).Length >> 20;
        output.WriteLine($"file: {path} ({fileMb} MB)");
        string each = string.Join(" ", seconds.Select(s => s.ToString("F2", Invariant)));
        output.WriteLine($"load seconds: {each} (median {Measure.Median(seconds).ToString("F2", Invariant)})");
        output.WriteLine($"resident after building the model: {modelResident >> 10} MB; peak: {peak >> 10} MB; "
                         + $"peak - model: {(peak - modelResident) >> 10} MB");
        return 0;
    }

    /// <summary>A field of /proc/self/status in kilobytes, or -1 where there is none (not Linux).</summary>
    private static long Kilobytes(string field)
    {
        string? line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            : null;
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant);
    }
}
