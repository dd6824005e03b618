using AlexNet.Core.Optimization;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>Small, fast, CPU-deterministic defaults for tests.</summary>
internal static class TrainingSetup
{
    public static TrainerOptions Options(int epochs = 2, int logInterval = 50) => new()
    {
        Epochs = epochs,
        Device = "cpu",
        Seed = 7,
        Deterministic = true,
        LogInterval = logInterval,
        Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd, LearningRate = 0.05, Sgd = { Momentum = 0.9 }, WeightDecay = 5e-4 },
    };

    /// <summary>A TinyNet initialised from a fixed seed (the same weights every call).</summary>
    public static TinyNet Model(int classes = 4, long seed = 3)
    {
        using (random.manual_seed(seed))
        {
        }

        return new TinyNet(classes);
    }
}
