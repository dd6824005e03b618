// Trains an AlexNet on Fashion-MNIST with a progress bar, then prints its test accuracy. By default: one epoch on a
// seeded random 6,000 of the 60,000 training images (a couple of minutes on 2 CPU cores), tested on all 10,000 test
// images. Arguments: [training images] [epochs] [data folder]; `-- 60000 10` trains on every image for 10 epochs.
using System.Globalization;
using AlexNet.Core.Models;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;

int trainImages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6_000;
int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
string folder = args.Length > 2 ? args[2] : FashionMnist.DefaultDirectory; // Debian: apt-get install dataset-fashion-mnist

using var allTrain = FashionMnist.Load(folder, DatasetSplit.Train);
using var train = allTrain.RandomSubset(trainImages, seed: 42);
using var test = FashionMnist.Load(folder, DatasetSplit.Test);
var pipeline = StandardPipelines.FashionMnist1Channel(28); // uint8 -> float, normalised with Fashion-MNIST's mean and std
using var trainLoader = new DataLoader(train, new DataLoaderOptions { BatchSize = 128, Shuffle = true }, pipeline);
using var testLoader = new DataLoader(test, new DataLoaderOptions { BatchSize = 500, Shuffle = false }, pipeline);

TorchSharp.torch.manual_seed(42); // the initial weights; TrainerOptions.Seed seeds training (dropout)
using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, FashionMnist.Classes.Count, new AlexNetOptions { InputChannels = 1 });
using var trainer = new Trainer(model, new TrainerOptions { Epochs = epochs, Seed = 42, LogInterval = 5 });
trainer.Hooks.Add(new ProgressHook()); // epoch, batch, loss, accuracy, images/s and ETA, redrawn in place on a terminal
trainer.Fit(trainLoader);
Console.WriteLine($"Test accuracy: {trainer.Evaluate(testLoader).Top1:P2} on {test.Count:N0} test images");
