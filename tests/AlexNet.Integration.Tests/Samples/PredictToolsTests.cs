using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Samples;
using static AlexNet.Integration.Tests.Samples.SampleErrorAssertions;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>The Predict sample's <c>init-model</c> (model.json for a plain weights file) and <c>scan</c> (what an image folder holds) commands.</summary>
public class PredictToolsTests
{
    [Fact]
    public void Init_model_writes_a_card_for_a_pth_file_after_checking_that_it_loads_and_predict_then_uses_it()
    {
        using var temp = new TempDirectory();
        string data = TransferLearningAndPredictTests.WriteFolder(temp.File("data"));
        string weights = temp.File("alexnet.pth");
        using (AlexNetModel model = AlexNetFactory.Create(Variant.TorchVision, 2))
        {
            AlexNetWeights.Save(model, weights);
        }

        Run(PredictSample.Run, "init-model", "--weights", weights, "--variant", "TorchVision", "--classes", "a,b,c")
            .ShouldFailWith(1, "predict: ", "classifier.6.weight");
        File.Exists(temp.File("model.json")).Should().BeFalse("a card that does not fit its weights is not written");
        Run(PredictSample.Run, "init-model", "--weights", weights, "--variant", "TorchVision").ShouldFailWith(2, "--classes");
        Run(PredictSample.Run, "init-model", "--weights", weights, "--variant", "Vgg", "--classes", "a,b").ShouldFailWith(2, "--variant must be one of");
        Run(PredictSample.Run, "init-model", "--weights", weights, "--classes", "a,,b").ShouldFailWith(2, "Classes[1] is blank");

        var written = Run(PredictSample.Run, "init-model", "--weights", weights, "--variant", "torchvision", "--classes", "cat, dog");

        written.Code.Should().Be(0, written.Error);
        using (var card = JsonDocument.Parse(File.ReadAllText(temp.File("model.json"))))
        {
            card.RootElement.GetProperty("Variant").GetString().Should().Be("TorchVision");
            card.RootElement.GetProperty("Classes").EnumerateArray().Select(c => c.GetString()).Should().Equal("cat", "dog");
        }

        Run(PredictSample.Run, "init-model", "--weights", weights, "--classes", "cat,dog").ShouldFailWith(2, "--output: ", "already exists");
        var predicted = Run(PredictSample.Run, "predict", "--model", weights, "--top", "1", Path.Combine(data, "red", "0.jpg"));
        predicted.Code.Should().Be(0, predicted.Error);
        predicted.Output.Should().Contain("TorchVision, 2 classes");
    }

    [Fact]
    public void Scan_lists_classes_counts_ignored_and_unreadable_files()
    {
        using var temp = new TempDirectory();
        string data = TransferLearningAndPredictTests.WriteFolder(temp.File("data"));
        File.WriteAllText(Path.Combine(data, "blue", "notes.txt"), "not an image");
        File.WriteAllText(Path.Combine(data, "README"), "beside the classes");

        var scanned = Run(PredictSample.Run, "scan", data);

        scanned.Code.Should().Be(1, "one file cannot be decoded");
        scanned.Output.Should().Contain("13 image files in 2 classes").And.MatchRegex(@"blue\s+6").And.MatchRegex(@"red\s+7")
            .And.Contain("Ignored: 2 file(s)").And.Contain("notes.txt").And.Contain("README")
            .And.Contain("Unreadable: 1 of 13 image files").And.Contain("broken.jpg: not an image");
        Run(PredictSample.Run, "scan", temp.File("nowhere")).ShouldFailWith(2, "FOLDER: the folder", "does not exist");
    }
}
