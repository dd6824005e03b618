using System;
using System.Diagnostics;
using AlexNet.Core.Distributed;
using AlexNet.Core.Metrics;
using AlexNet.Core.Training;

namespace AlexNet.DistributedProbe;

/// <summary>Records the last step's (global) train metrics; stops, kills this process or throws at the steps asked for.</summary>
public sealed class ProbeHook : TrainingHook
{
    private readonly int _rank;
    private readonly ProbeArguments _settings;

    public ProbeHook(int rank, ProbeArguments settings)
    {
        _rank = rank;
        _settings = settings;
    }

    public ClassificationMetrics? Last { get; private set; }

    /// <summary>The float32 and bfloat16 bytes this rank passed to allreduce during the last step (under MPI only).</summary>
    public (long Float32, long BFloat16) LastStepBytes { get; private set; }

    private (long Float32, long BFloat16) _bytesBefore;

    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        Last = state.TrainMetrics;
        if (DistributedLaunch.IsDistributed)
        {
            var world = MpiCollectives.World;
            var now = (world.ReducedBytes(ReduceElement.Float32), world.ReducedBytes(ReduceElement.BFloat16));
            LastStepBytes = (now.Item1 - _bytesBefore.Float32, now.Item2 - _bytesBefore.BFloat16);
            _bytesBefore = now;
        }

        if (_settings.Int("fail-rank", -1) == _rank && _settings.Int("fail-step", -1) == state.GlobalStep)
        {
            Console.WriteLine($"probe: rank {_rank} fails ({_settings.Value("fail-kind")}) at step {state.GlobalStep}");
            Console.Out.Flush();
            if (_settings.Value("fail-kind") == "kill")
            {
                Process.GetCurrentProcess().Kill();
            }

            throw new InvalidOperationException($"probe failure at step {state.GlobalStep}");
        }

        return _settings.Int("stop-at-step", -1) == state.GlobalStep ? HookControl.Stop("probe stop") : HookControl.Continue;
    }
}
