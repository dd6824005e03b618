using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Training;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// Milliseconds of each phase of short Trainer.Fit runs with the precision suite's step (a new trainer per fit, as
/// there): fit start to first batch, each batch, last batch to fit end; to see whether a fit has a fixed cost.
/// </summary>
public sealed class FitStepTimes : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "fit-steps";

    /// <inheritdoc />
    public string Description => "per-batch ms inside Trainer.Fit [--variant CifarBatchNorm] [--channels 3] [--size 32] [--batch 512] [--steps 4] [--fits 3] [--precision bf16-mixed|32-true] [--alternate: every second fit 32-true, as the precision suite interleaves]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var variant = Enum.Parse<Variant>(SuiteArgs.Option(args, "--variant") ?? "CifarBatchNorm");
        int channels = SuiteArgs.Int(args, "--channels", 3), size = SuiteArgs.Int(args, "--size", 32), batch = SuiteArgs.Int(args, "--batch", 512), steps = SuiteArgs.Int(args, "--steps", 4), fits = SuiteArgs.Int(args, "--fits", 3);
        var precision = SuiteArgs.Option(args, "--precision") == "32-true" ? TrainingPrecision.True32 : TrainingPrecision.Bf16Mixed;
        random.manual_seed(0);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels });
        using var source = new FixedBatches(steps, batch, new long[] { channels, size, size });
        for (int f = 0; f < fits; f++)
        {
            var p = args.Contains("--alternate") && f % 2 == 1 ? TrainingPrecision.True32 : precision;
            var clock = new Clock();
            using var trainer = new Trainer(model, PrecisionBenchmark.StepOptions(p));
            trainer.Hooks.Add(clock);
            long start = Stopwatch.GetTimestamp();
            clock.Last = start;
            trainer.Fit(source);
            clock.Laps.Add(("end", Stopwatch.GetElapsedTime(clock.Last).TotalMilliseconds));
            output.WriteLine(Invariant($"fit {f} {p}: total {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms; ") + string.Join(", ", clock.Laps.Select(l => Invariant($"{l.Name} {l.Ms:F0}"))));
        }

        return 0;
    }

    private sealed class Clock : TrainingHook
    {
        public long Last { get; set; }

        public List<(string Name, double Ms)> Laps { get; } = new();

        public override void OnFitStart(TrainingState state) => Lap("to fit start");

        public override void OnTrainBatchStart(TrainingState state, Batch batch) => Lap("to batch start");

        public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
        {
            Lap("batch");
            return HookControl.Continue;
        }

        private void Lap(string name)
        {
            long now = Stopwatch.GetTimestamp();
            Laps.Add((name, Stopwatch.GetElapsedTime(Last, now).TotalMilliseconds));
            Last = now;
        }
    }
}
