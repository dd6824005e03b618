using System.Linq;
using System.Threading;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>
/// Dropout draws from torch's one global generator (TorchSharp 0.107 takes no generator for dropout), so fits on two
/// threads would interleave their draws: the trainer runs fits one at a time, and each gives its sequential result.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public class ConcurrentTrainersTests
{
    [Fact]
    public void Two_trainers_fitting_on_two_threads_give_the_results_of_sequential_runs()
    {
        var sequentialA = FitAndReadWeights(Model(1), seed: 1);
        var sequentialB = FitAndReadWeights(Model(2), seed: 2);
        var modelA = Model(1); // weights are drawn from the global generator too: create the models before the threads
        var modelB = Model(2);
        using var start = new Barrier(2);
        byte[]? concurrentA = null;
        byte[]? concurrentB = null;
        var threadA = new Thread(() => { start.SignalAndWait(); concurrentA = FitAndReadWeights(modelA, seed: 1); });
        var threadB = new Thread(() => { start.SignalAndWait(); concurrentB = FitAndReadWeights(modelB, seed: 2); });

        threadA.Start();
        threadB.Start();
        threadA.Join();
        threadB.Join();

        concurrentA.Should().Equal(sequentialA);
        concurrentB.Should().Equal(sequentialB);
    }

    /// <summary>A dropout model (TinyNet, dropout 0.5) with weights drawn after seeding the global generator.</summary>
    private static TinyNet Model(long seed)
    {
        TorchSharp.torch.random.manual_seed(seed).Dispose();
        return new TinyNet(dropoutRate: 0.5);
    }

    /// <summary>Fits <paramref name="model"/> for 3 epochs of 20 steps and returns its weights' bytes.</summary>
    private static byte[] FitAndReadWeights(TinyNet model, long seed)
    {
        using var train = new InMemoryBatchSource(samples: 80, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 3);
        options.Seed = seed;
        using var trainer = new Trainer(model, options);
        trainer.Fit(train);
        return Weights.Bytes(model).OrderBy(kv => kv.Key).SelectMany(kv => kv.Value).ToArray();
    }
}
