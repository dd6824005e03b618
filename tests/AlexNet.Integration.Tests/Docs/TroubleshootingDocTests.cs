using System;
using System.IO;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Integration.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Integration.Tests.Docs;

/// <summary>
/// docs/troubleshooting.md quotes the library's error messages: each test provokes one and checks that the page
/// holds it word for word (temporary paths are replaced by the path the page shows).
/// </summary>
public class TroubleshootingDocTests
{
    private const string ShownCheckpoint = "/home/me/runs/my-run/checkpoints/last.ckpt";
    private static readonly string Page = File.ReadAllText(TestPaths.InRepository("docs/troubleshooting.md"));
    private readonly ITestOutputHelper _log;

    public TroubleshootingDocTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void Missing_Fashion_MNIST()
    {
        var e = Catch<DatasetNotFoundException>(() => FashionMnist.Load("/data/fashion-mnist", DatasetSplit.Train));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void Missing_CIFAR_10()
    {
        var e = Catch<DatasetNotFoundException>(() => Cifar10.Load("/data/cifar10", DatasetSplit.Train));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void Wrong_input_size_for_the_paper_network()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10);
        using var images = zeros(1, 3, 224, 224);
        var e = Catch<ArgumentException>(() => model.call(images));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void Wrong_channel_count()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10);
        using var images = zeros(8, 1, 28, 28);
        var e = Catch<ArgumentException>(() => model.call(images));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void One_image_batches_in_training_mode()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10);
        using var images = zeros(1, 3, 32, 32);
        var e = Catch<ArgumentException>(() => model.call(images));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void Local_response_normalisation_outside_the_paper_variant()
    {
        var e = Catch<ArgumentException>(() => AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { UseLocalResponseNorm = true }));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void Out_of_range_trainer_options()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10);
        var e = Catch<OptionsValidationException>(() => new Trainer(model, new TrainerOptions { Epochs = 0, Optimizer = new OptimizerOptions { Sgd = { Momentum = 1.5 } } }));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void CUDA_asked_for_on_a_CPU_build()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10);
        var e = Catch<InvalidOperationException>(() => new Trainer(model, new TrainerOptions { Device = "cuda" }));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void Out_of_range_loader_options()
    {
        using var dataset = new ImageDataset(zeros(4, 1, 28, 28, ScalarType.Byte), zeros(4, ScalarType.Int64), new[] { "a" }, "tiny");
        var e = Catch<OptionsValidationException>(() => new DataLoader(dataset, new DataLoaderOptions { BatchSize = 0 }));
        ShouldBeQuoted(e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint()
    {
        using var temp = new TempDirectory();
        string path = temp.File("last.ckpt");
        File.WriteAllBytes(path, new byte[100]);
        var e = Catch<CheckpointException>(() => CheckpointFile.ReadInfo(path));
        ShouldBeQuoted(e.Message.Replace(path, ShownCheckpoint, StringComparison.Ordinal));
    }

    [Fact]
    public void A_best_checkpoint_without_validation_data()
    {
        using var temp = new TempDirectory();
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10);
        using var dataset = new ImageDataset(zeros(4, 3, 32, 32, ScalarType.Byte), zeros(4, ScalarType.Int64), new[] { "a" }, "tiny");
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 2 });
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, Device = "cpu" });
        trainer.Hooks.Add(new CheckpointHook(temp.Path));
        var e = Catch<InvalidOperationException>(() => trainer.Fit(loader));
        ShouldBeQuoted(e.Message);
    }

    private static T Catch<T>(Action act)
        where T : Exception
    {
        try
        {
            act();
        }
        catch (T e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException($"expected a {typeof(T).Name}");
    }

    private static T Catch<T>(Func<object> act)
        where T : Exception => Catch<T>(() => { _ = act(); });

    private void ShouldBeQuoted(string message)
    {
        _log.WriteLine(message);
        Page.Should().Contain(message, "docs/troubleshooting.md must quote the library's message exactly");
    }
}
