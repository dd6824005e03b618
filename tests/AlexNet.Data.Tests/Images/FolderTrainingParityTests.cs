using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models.Weights;
using AlexNet.Core.Optimization;
using AlexNet.Core.Training;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// A model trained through <see cref="Trainer.Fit"/> from the image folders reaches the accuracy of the same model
/// trained from the IDX file: the same 1,000 real Fashion-MNIST images, the same order and seed, evaluated on 1,000
/// held-out IDX images. PNG gives the IDX pixels, so the runs are identical; JPEG differs by its compression error.
/// </summary>
public sealed class FolderTrainingParityTests : IClassFixture<FashionMnistImageFolders>
{
    /// <summary>Grayscale, with the classes in IDX label order (not sorted by name), so folder and IDX labels agree.</summary>
    private static readonly ImageFolderOptions Gray = new()
    {
        Decode = new ImageDecodeOptions { Channels = 1 },
        Classes = FashionMnist.Classes.Select(FashionMnistImageFolders.Folder).ToList(),
    };

    private readonly FashionMnistImageFolders _folders;
    private readonly Xunit.Abstractions.ITestOutputHelper _log;

    public FolderTrainingParityTests(FashionMnistImageFolders folders, Xunit.Abstractions.ITestOutputHelper log)
    {
        _folders = folders;
        _log = log;
    }

    [Fact]
    public void Training_from_the_PNG_folder_gives_the_accuracy_of_training_from_IDX_exactly()
    {
        var folder = ImageFolder.Scan(_folders.PngRoot, Gray);
        double fromIdx = TrainFromIdx(folder);
        using var folderLoader = new DataLoader(folder, LoaderOptions(), Pipeline());
        double fromFolder = Train(folderLoader);

        _log.WriteLine($"held-out top-1: from IDX {fromIdx:P1}, from the PNG folder {fromFolder:P1}");
        fromFolder.Should().Be(fromIdx);
        fromIdx.Should().BeGreaterThan(0.65, "a small MLP learns Fashion-MNIST well past chance (10%) in 4 epochs of 1,000 images");
    }

    [Fact]
    public void Training_from_the_JPEG_folder_reaches_the_accuracy_of_training_from_IDX_within_noise()
    {
        var folder = ImageFolder.Scan(_folders.JpegRoot, Gray);
        double fromIdx = TrainFromIdx(folder);
        using var folderLoader = new DataLoader(folder, LoaderOptions(), Pipeline());
        double fromFolder = Train(folderLoader);

        _log.WriteLine($"held-out top-1: from IDX {fromIdx:P1}, from the JPEG folder {fromFolder:P1}");
        fromFolder.Should().BeApproximately(fromIdx, 0.04, "quality-95 JPEG changes pixels by about one level; seed-to-seed spread of this run is about 2 points");
    }

    private static DataLoaderOptions LoaderOptions() => new() { BatchSize = 50, Shuffle = true, Seed = 21 };

    private static ITransform Pipeline() =>
        ImageTransforms.Compose(
            ImageTransforms.ToFloat(),
            ImageTransforms.Normalize(KnownWeights.FashionMnist.Preprocessing.Mean, KnownWeights.FashionMnist.Preprocessing.Std));

    /// <summary>The folder's images taken from the IDX file instead, in the folder's order (so the seeded shuffles match).</summary>
    private double TrainFromIdx(ImageFolder folder)
    {
        using ImageDataset idx = _folders.Idx.Select(folder.Files.Select(f => (long)FashionMnistImageFolders.IndexOf(f.Path)).ToArray());
        using var loader = new DataLoader(idx, LoaderOptions(), Pipeline());
        return Train(loader);
    }

    private double Train(IBatchSource train)
    {
        using ImageDataset heldOut = _folders.Idx.Select(_folders.HeldOutIndices.Select(i => (long)i).ToArray());
        using var test = new DataLoader(heldOut, new DataLoaderOptions { BatchSize = 250, Shuffle = false }, Pipeline());
        using var model = Mlp();
        var options = new TrainerOptions
        {
            Epochs = 4,
            Device = "cpu",
            Seed = 7,
            Deterministic = true,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.002, WeightDecay = 0 },
        };
        using var trainer = new Trainer(model, options);
        trainer.Fit(train);
        return trainer.Evaluate(test).Top1;
    }

    private static nn.Module<Tensor, Tensor> Mlp()
    {
        using (random.manual_seed(3))
        {
            return nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10));
        }
    }
}
