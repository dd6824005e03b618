using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Training;

/// <summary>
/// Trainer.Fit against a hand-written minimal TorchSharp loop (zero_grad, forward, cross-entropy, backward, step,
/// one dispose scope per step) over the same model, the same batches and the same optimizer settings, interleaved
/// in one process. Reports the median time per step of each and the trainer's overhead.
/// </summary>
public sealed class TrainerOverheadBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "trainer";

    /// <inheritdoc />
    public string Description => "Trainer.Fit vs a hand-written TorchSharp loop, time per step on the CPU [--steps 20] [--batch 64] [--reps 15] [--threads N]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int steps = SuiteArgs.Int(args, "--steps", 20);
        int batch = SuiteArgs.Int(args, "--batch", 64);
        int reps = SuiteArgs.Int(args, "--reps", 15);
        int threads = SuiteArgs.Int(args, "--threads", torch.get_num_threads());
        torch.set_num_threads(threads);
        output.WriteLine(Invariant($"torch threads {threads}; {reps} interleaved repetitions; per repetition each variant trains one epoch on the same batches (a new Trainer each time, built untimed)."));
        output.WriteLine();
        Compare(
            Invariant($"Small CNN (conv 3-32-64, FC 4096-128-10, 545,098 parameters), batch {batch} of 3x32x32, SGD momentum 0.9, {steps} steps per run"),
            () => new SmallCnn(), batch, new long[] { 3, 32, 32 }, steps, reps, output);
        Compare(
            "Tiny MLP (192-32-10) on 3x8x8, batch 16, 200 steps per run: the step costs almost nothing, so the difference is the trainer's fixed cost per step",
            () => new TinyMlp(), 16, new long[] { 3, 8, 8 }, 200, reps, output);
        return 0;
    }

    private static void Compare(string title, Func<nn.Module<Tensor, Tensor>> createModel, int batch, long[] imageShape, int steps, int reps, TextWriter output)
    {
        using var source = new FixedBatches(steps, batch, imageShape);
        torch.random.manual_seed(0);

        var model = createModel();
        using var handOptimizer = optim.SGD(model.parameters(), 0.01, 0.9, 0, 5e-4);
        var options = new TrainerOptions { Epochs = 1, Device = "cpu", LogInterval = 50 };

        // Each variant prepares untimed (the trainer variants construct a new Trainer: a Fit runs its epochs once),
        // then runs timed.
        var variants = new (string Name, Func<Action> Prepare)[]
        {
            ("hand-written loop", () => () => HandLoop(model, handOptimizer, source)),
            ("Trainer.Fit, no hooks", () => PrepareFit(model, options, source, withHooks: false)),
            ("Trainer.Fit + progress, NaN guard, throughput hooks", () => PrepareFit(model, options, source, withHooks: true)),
        };

        // Warm up every variant, then interleave: each repetition runs the variants in rotated order.
        foreach (var v in variants)
        {
            v.Prepare()();
        }

        var times = variants.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < reps; r++)
        {
            for (int i = 0; i < variants.Length; i++)
            {
                int k = (i + r) % variants.Length;
                var run = variants[k].Prepare();
                long start = Stopwatch.GetTimestamp();
                run();
                times[k].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / steps);
            }
        }

        // The overhead is the median over repetitions of the paired comparison (variant vs hand loop in the same
        // repetition), which cancels slow drifts of the machine's load; minima are shown as well.
        output.WriteLine(title + ".");
        output.WriteLine();
        output.WriteLine(Measure.Table(
            new[] { "variant", "median ms / step", "min ms / step", "img/s (median)", "overhead: median of paired ratios", "overhead: median of paired differences" },
            variants.Select((v, i) => (IReadOnlyList<string>)new[]
            {
                v.Name,
                Invariant($"{Measure.Median(times[i]):F3}"),
                Invariant($"{times[i].Min():F3}"),
                Measure.Rate(batch * 1000.0 / Measure.Median(times[i])),
                i == 0 ? "-" : Percent(Measure.Median(times[i].Zip(times[0], (t, h) => t / h).ToList())),
                i == 0 ? "-" : Signed(Math.Round(Measure.Median(times[i].Zip(times[0], (t, h) => (t - h) * 1000).ToList())), "0") + " us / step",
            })));
        output.WriteLine();
    }

    private static void HandLoop(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, FixedBatches source)
    {
        model.train();
        foreach (var batch in source.GetBatches(0))
        {
            using (batch)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(batch.Images), batch.Labels);
                loss.backward();
                optimizer.step();
            }
        }
    }

    private static Action PrepareFit(nn.Module<Tensor, Tensor> model, TrainerOptions options, FixedBatches source, bool withHooks)
    {
        var trainer = new Trainer(model, options);
        if (withHooks)
        {
            trainer.Hooks.Add(new ProgressHook(TextWriter.Null));
            trainer.Hooks.Add(new NanGuardHook());
            trainer.Hooks.Add(new ThroughputHook());
        }

        return () =>
        {
            using (trainer)
            {
                trainer.Fit(source);
            }
        };
    }

    private static string Percent(double ratio) => Signed(Math.Round((ratio - 1) * 100, 1), "0.0") + "%";

    private static string Signed(double value, string format) =>
        (value > 0 ? "+" : value < 0 ? "-" : string.Empty) + Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>conv(3->32) ReLU pool, conv(32->64) ReLU pool, FC 4096->128 ReLU, FC 128->10.</summary>
    private sealed class SmallCnn : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1 = nn.Conv2d(3, 32, 3, padding: 1);
        private readonly Conv2d conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        private readonly Linear fc1 = nn.Linear(64 * 8 * 8, 128);
        private readonly Linear fc2 = nn.Linear(128, 10);

        public SmallCnn()
            : base(nameof(SmallCnn)) => RegisterComponents();

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = nn.functional.max_pool2d(nn.functional.relu(conv1.call(input)), 2);
            x = nn.functional.max_pool2d(nn.functional.relu(conv2.call(x)), 2);
            x = nn.functional.relu(fc1.call(x.flatten(1)));
            return scope.MoveToOuter(fc2.call(x));
        }
    }

    /// <summary>Linear 192->32, ReLU, linear 32->10 on flattened 3x8x8 images.</summary>
    private sealed class TinyMlp : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc1 = nn.Linear(3 * 8 * 8, 32);
        private readonly Linear fc2 = nn.Linear(32, 10);

        public TinyMlp()
            : base(nameof(TinyMlp)) => RegisterComponents();

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return scope.MoveToOuter(fc2.call(nn.functional.relu(fc1.call(input.flatten(1)))));
        }
    }
}
