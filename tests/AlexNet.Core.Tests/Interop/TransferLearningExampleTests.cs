using System.IO;
using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>docs/interop.md's five-line transfer-learning example, run as written on a narrow model and generated images.</summary>
public class TransferLearningExampleTests
{
    [Fact]
    public void The_five_line_example_trains_the_new_head_and_leaves_the_frozen_features_as_loaded()
    {
        using var dir = new TempDirectory();
        var narrow = new AlexNetOptions { ClassifierWidth = 8 };
        using (var imagenet = AlexNetFactory.Create(Variant.TorchVision, 1000, narrow))
        {
            AlexNetWeights.Save(imagenet, dir.File("alexnet-imagenet.pth"));
        }

        using var trainLoader = new InMemoryBatchSource(8, 4, classes: 10, channels: 3, size: 63);
        InMemoryBatchSource? validationLoader = null;

        // The example, as docs/interop.md prints it (with the narrow options added and 1 epoch).
        using var model = AlexNetFactory.Create(Variant.TorchVision, numClasses: 10, narrow);
        AlexNetWeights.Load(model, dir.File("alexnet-imagenet.pth"), new WeightLoadOptions { ReplaceHead = true });
        model.FreezeFeatures();
        var features = InteropAssert.Snapshot(model.Features);
        var head = model.Classifier.parameters().Last().detach().clone();
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1 });
        trainer.Fit(trainLoader, validationLoader);

        InteropAssert.Unchanged(model.Features, features);
        InteropAssert.Same(model.Classifier.parameters().Last(), head).Should().BeFalse("the new head trains");
        string doc = File.ReadAllText(RepositoryFile.Find("docs/interop.md"));
        doc.Should().Contain("""
            using var model = AlexNetFactory.Create(Variant.TorchVision, numClasses: train.Classes.Count);
            AlexNetWeights.Load(model, "alexnet-imagenet.pth", new WeightLoadOptions { ReplaceHead = true });
            model.FreezeFeatures();
            using var trainer = new Trainer(model, new TrainerOptions { Epochs = 5 });
            trainer.Fit(trainLoader, validationLoader);
            """);
    }
}
