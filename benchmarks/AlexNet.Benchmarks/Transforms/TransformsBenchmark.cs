using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models.Weights;
using AlexNet.Core.Models;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Transforms;

/// <summary>
/// Throughput of the recipe pipelines on whole batches (CIFAR batch-norm training at batch 512, the 227 x 227 recipe at
/// batch 128), per-transform costs, and the loader's overhead on a CPU training step.
/// Options: --threads N (TorchSharp threads, default 2), --reps N (timed repetitions, default 15), --loader-model
/// small|cifar-bn (the training step the loader feeds: a small CNN at batch 128 with SGD, default, or the CIFAR BN recipe's
/// own step, CifarBatchNorm AlexNet at batch 512 with Adam 1e-3), --steps N (training steps per loader measurement,
/// default 40 for the small CNN, 8 for cifar-bn), --skip-loader, --peers (also runs benchmarks/peers/torchvision_pipelines.py
/// with /usr/bin/python3, for torchvision's figures in the same session).
/// </summary>
public sealed class TransformsBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "transforms";

    /// <inheritdoc />
    public string Description => "recipe pipelines in img/s (CIFAR BN train, 227 resize) and the loader's overhead on a training step";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        int threads = SuiteArgs.Int(args, "--threads", 2);
        int reps = SuiteArgs.Int(args, "--reps", 15);
        bool recipeStep = (SuiteArgs.Option(args, "--loader-model") ?? "small") switch
        {
            "small" => false,
            "cifar-bn" => true,
            string other => throw new ArgumentException($"--loader-model must be small or cifar-bn, got '{other}'."),
        };
        int steps = SuiteArgs.Int(args, "--steps", recipeStep ? 8 : 40);
        torch.set_num_threads(threads);
        output.WriteLine($"TorchSharp threads: {torch.get_num_threads()}, repetitions: {reps} (median), load average at start: {Measure.LoadAverage("n/a")}");
        output.WriteLine();

        var rows = new List<IReadOnlyList<string>>
        {
            PipelineRow("CIFAR BN train: RandomCrop(32, pad 4), flip, ToFloat, ColorJitter(0.2, 0.2, 0.2, 0.1), RandomGrayscale(0.3), Normalize", StandardPipelines.CifarBatchNormTrain(), 512, 3, 32, reps),
            PipelineRow("CIFAR BN test: ToFloat, Normalize", StandardPipelines.CifarBatchNormTest(), 512, 3, 32, reps),
            PipelineRow("227 train: flip, ToFloat, Normalize, Resize(227 x 227)", StandardPipelines.Resize227Train(), 128, 3, 32, reps),
            PipelineRow("227 train (same), smaller batch", StandardPipelines.Resize227Train(), 32, 3, 32, reps),
            PipelineRow("227 test: ToFloat, Normalize, Resize(227 x 227)", StandardPipelines.Resize227Test(), 128, 3, 32, reps),
        };
        output.WriteLine(Measure.Table(new[] { "pipeline", "batch", "median ms / batch", "img/s (median)", "img/s (best)", "CPU ms / batch" }, rows));
        output.WriteLine();

        var steps512 = new (string Name, ITransform Transform, bool OnBytes)[]
        {
            ("RandomCrop(32, pad 4) on uint8", ImageTransforms.RandomCrop(32, padding: 4), true),
            ("RandomHorizontalFlip on uint8", ImageTransforms.RandomHorizontalFlip(), true),
            ("ToFloat", ImageTransforms.ToFloat(), false),
            ("ColorJitter(0.2, 0.2, 0.2, 0.1)", StandardPipelines.CifarColorJitter(), false),
            ("RandomGrayscale(0.3)", ImageTransforms.RandomGrayscale(0.3), false),
            ("Normalize", ImageTransforms.Normalize(KnownWeights.Cifar10.Preprocessing.Mean, KnownWeights.Cifar10.Preprocessing.Std), false),
        };
        output.WriteLine(Measure.Table(new[] { "CIFAR BN step (batch 512, 3 x 32 x 32)", "median ms", "best ms", "CPU ms" }, steps512.Select(s => StepRow(s.Name, s.Transform, s.OnBytes, reps))));
        output.WriteLine();

        if (!args.Contains("--skip-loader"))
        {
            string step = recipeStep ? "training step (CifarBatchNorm AlexNet, batch 512, Adam, CPU)" : "training step (small CNN, batch 128, SGD, CPU)";
            output.WriteLine(Measure.Table(new[] { step, "ms / step", "overhead vs. fixed batch" }, LoaderRows(steps, recipeStep)));
            output.WriteLine();
        }

        output.WriteLine($"load average at end: {Measure.LoadAverage("n/a")}");
        return args.Contains("--peers") ? RunPeers(output) : 0;
    }

    /// <summary>Runs the torchvision peer script (needs Debian's python3-torchvision) and copies its table.</summary>
    private static int RunPeers(TextWriter output)
    {
        const string python = "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "peers", "torchvision_pipelines.py");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && !File.Exists(script); dir = dir.Parent)
        {
            script = Path.Combine(dir.FullName, "benchmarks", "peers", "torchvision_pipelines.py");
        }

        if (!File.Exists(python) || !File.Exists(script))
        {
            output.WriteLine($"peers skipped: {python} or benchmarks/peers/torchvision_pipelines.py not found");
            return 0;
        }

        output.WriteLine();
        using var peer = Process.Start(new ProcessStartInfo(python, script) { RedirectStandardOutput = true, UseShellExecute = false })!;
        output.Write(peer.StandardOutput.ReadToEnd());
        peer.WaitForExit();
        return peer.ExitCode;
    }

    private static IReadOnlyList<string> PipelineRow(string name, ITransform pipeline, int batch, int channels, int size, int reps)
    {
        using var images = RandomImages(batch, channels, size);
        using var generator = new Generator(1);
        (double median, double best, double cpu) = Time(() =>
        {
            using var scope = NewDisposeScope();
            pipeline.Apply(images, generator);
        }, reps);
        return new[] { name, batch.ToString(CultureInfo.InvariantCulture), Ms(median), Measure.Rate(batch / median), Measure.Rate(batch / best), Ms(cpu) };
    }

    /// <summary>Median and best wall time of <paramref name="reps"/> timed runs after two warm-ups, and the mean process CPU time per run.</summary>
    private static (double Median, double Best, double Cpu) Time(Action action, int reps)
    {
        action(); // two warm-ups, outside the CPU-time bracket
        action();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        double[] times = Measure.Samples(action, warmup: 0, repetitions: reps);
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / reps;
        return (Median(times), times.Min(), cpu);
    }

    /// <summary>One transform on 512 seeded images: the uint8 images when <paramref name="onBytes"/>, else the same images as floats in [0, 1].</summary>
    private static IReadOnlyList<string> StepRow(string name, ITransform transform, bool onBytes, int reps)
    {
        using var bytes = RandomImages(512, 3, 32);
        using var floats = onBytes ? null : bytes.to(ScalarType.Float32).div(255);
        Tensor input = floats ?? bytes;
        using var generator = new Generator(1);
        (double median, double best, double cpu) = Time(() =>
        {
            using var scope = NewDisposeScope();
            transform.Apply(input, generator);
        }, reps);
        return new[] { name, Ms(median), Ms(best), Ms(cpu) };
    }

    /// <summary>
    /// The same training steps on the same batches: taken from memory (made by the loader beforehand), from the loader with
    /// prefetch, and from the loader without. Each measurement starts from the same initial weights.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> LoaderRows(int steps, bool recipeStep)
    {
        int batch = recipeStep ? 512 : 128, warmup = recipeStep ? 2 : 3;
        using var dataset = new ImageDataset(RandomImages(10_000, 3, 32), randint(0, 10, new long[] { 10_000 }, dtype: ScalarType.Int64), Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), "synthetic CIFAR");
        ITransform pipeline = StandardPipelines.CifarBatchNormTrain();
        DataLoader Loader(bool prefetch) => new(dataset, new DataLoaderOptions { BatchSize = batch, Prefetch = prefetch, Seed = 2 }, pipeline);

        double TimeSteps(IEnumerable<Batch> batches, bool disposeBatches)
        {
            torch.random.manual_seed(1);
            nn.Module<Tensor, Tensor> model = recipeStep ? AlexNetFactory.Create(Variant.CifarBatchNorm, 10) : SmallCnn();
            optim.Optimizer optimizer = recipeStep ? optim.Adam(model.parameters(), 1e-3) : optim.SGD(model.parameters(), 0.01, momentum: 0.9);
            int done = 0;
            long start = 0;
            foreach (Batch b in batches)
            {
                if (done == warmup)
                {
                    start = Stopwatch.GetTimestamp();
                }

                using (var scope = NewDisposeScope())
                {
                    optimizer.zero_grad();
                    Tensor loss = nn.functional.cross_entropy(model.call(b.Images), b.Labels);
                    loss.backward();
                    optimizer.step();
                }

                if (disposeBatches)
                {
                    b.Dispose();
                }

                if (++done == warmup + steps)
                {
                    break;
                }
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds / steps;
            model.Dispose();
            optimizer.Dispose();
            return seconds;
        }

        List<Batch> inMemory;
        using (DataLoader loader = Loader(prefetch: false))
        {
            inMemory = loader.GetBatches(0).Take(warmup + steps).ToList();
        }

        // Interleave the three measurements three times and keep each one's median, so load changes hit all alike.
        var fixedTimes = new List<double>();
        var prefetchTimes = new List<double>();
        var foregroundTimes = new List<double>();
        for (int round = 0; round < 3; round++)
        {
            fixedTimes.Add(TimeSteps(inMemory, disposeBatches: false));
            using (DataLoader loader = Loader(prefetch: true))
            {
                prefetchTimes.Add(TimeSteps(loader.GetBatches(0), disposeBatches: true));
            }

            using (DataLoader loader = Loader(prefetch: false))
            {
                foregroundTimes.Add(TimeSteps(loader.GetBatches(0), disposeBatches: true));
            }
        }

        inMemory.ForEach(b => b.Dispose());
        double f = Median(fixedTimes), p = Median(prefetchTimes), g = Median(foregroundTimes);
        yield return new[] { "batches already in memory (no loader)", Ms(f), "-" };
        yield return new[] { "DataLoader + CIFAR BN train pipeline, prefetch", Ms(p), Percent((p - f) / f) };
        yield return new[] { "DataLoader + CIFAR BN train pipeline, no prefetch", Ms(g), Percent((g - f) / f) };
    }

    private static nn.Module<Tensor, Tensor> SmallCnn() => nn.Sequential(
        nn.Conv2d(3, 32, 3, padding: 1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding: 1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 8 * 8, 10));

    private static Tensor RandomImages(long count, long channels, long size)
    {
        using var generator = new Generator(20121203);
        return randint(0, 256, new[] { count, channels, size, size }, dtype: ScalarType.Byte, generator: generator);
    }

    /// <summary>
    /// The middle value; for an even count the upper of the two middle values (unlike <see cref="Measure.Median"/>),
    /// kept so this suite's figures stay comparable with earlier runs.
    /// </summary>
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";
}
