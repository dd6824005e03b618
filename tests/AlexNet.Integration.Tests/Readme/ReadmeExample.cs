// README.md's example, compiled here so that it cannot drift from the API: ReadmeExampleTests checks that the
// README shows exactly the lines between the "README" markers (the using lines, a blank line, then the body).
using System;
// README usings begin
using AlexNet.Core.Models;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
// README usings end

namespace AlexNet.Integration.Tests.Readme;

internal static class ReadmeExample
{
    /// <summary>Trains for two full epochs (about 22 minutes on 2 CPU cores): compiled, never run by the tests.</summary>
    public static void Run()
    {
        // README body begin
        using var train = FashionMnist.Load("/usr/share/datasets/fashion-mnist", DatasetSplit.Train);
        using var test = FashionMnist.Load("/usr/share/datasets/fashion-mnist", DatasetSplit.Test);
        var pipeline = StandardPipelines.FashionMnist1Channel(28);
        using var trainLoader = new DataLoader(train, new DataLoaderOptions { BatchSize = 128, Shuffle = true }, pipeline);
        using var testLoader = new DataLoader(test, new DataLoaderOptions { BatchSize = 512, Shuffle = false }, pipeline);
        TorchSharp.torch.manual_seed(42); // the initial weights; TrainerOptions.Seed seeds training (dropout)
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1 });
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, Seed = 42 });
        trainer.Hooks.Add(new ProgressHook()); // a line every 50 steps: epoch, batch, loss, accuracy, images/s, ETA
        trainer.Fit(trainLoader, testLoader);
        Console.WriteLine($"Test accuracy: {trainer.Evaluate(testLoader).Top1:P2}");
        // README body end
    }
}
