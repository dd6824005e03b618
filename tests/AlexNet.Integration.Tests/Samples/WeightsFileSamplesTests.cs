using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Interop;
using AlexNet.Data.Images;
using AlexNet.Samples;
using AlexNet.Samples.Common.Models;
using static TorchSharp.torch;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>
/// The TransferLearning and Predict samples with PyTorch weights files: torchvision's 1000-class AlexNet saved by real
/// PyTorch (in the legacy format of torchvision's published alexnet-owt-7be5be79.pth), and files written by
/// <see cref="AlexNetWeights.Save"/> with a model card.
/// </summary>
public class WeightsFileSamplesTests
{
    [PyTorchFact]
    public void TransferLearning_fine_tunes_torchvisions_1000_class_weights_saved_by_PyTorch_on_a_three_class_folder_with_the_features_frozen()
    {
        using var temp = new TempDirectory();
        string data = TransferLearningAndPredictTests.WriteFolder(temp.File("data"));
        Directory.CreateDirectory(Path.Combine(data, "green"));
        foreach (string f in Directory.GetFiles(Path.Combine(data, "red"), "*.jpg").Where(f => !f.EndsWith("broken.jpg", StringComparison.Ordinal)).Take(3))
        {
            File.Move(f, Path.Combine(data, "green", Path.GetFileName(f)));
        }

        string pytorch = temp.File("pytorch");
        Directory.CreateDirectory(pytorch);
        PythonTorch.Run("make", """{"variant": "torchvision", "classes": 1000, "legacy": true}""", pytorch);
        string weights = Path.Combine(pytorch, "weights.pth");
        var output = new StringWriter();
        var error = new StringWriter();

        int code = TransferLearningSample.Run(new[] { "--data", data, "--weights", weights, "--epochs", "1", "--batch-size", "4", "--validation-fraction", "0.34", "--skip-unreadable", "--output", temp.File("run") }, output, error);

        code.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("3 classes (blue, green, red)")
            .And.Contain($"Weights: weights file {weights}: 14 tensors loaded; its head for 1000 classes replaced by a new one for 3 (classifier.6.weight, classifier.6.bias re-initialised).")
            .And.Contain("features frozen for 1 epoch(s)").And.NotContain("NOTICE");

        using var scope = NewDisposeScope();
        using AlexNetModel trained = AlexNetFactory.Create(Variant.TorchVision, 3);
        ModelFiles.Load(temp.File("run/checkpoints/last.ckpt"), trained);
        var file = AlexNetWeights.Read(weights);
        var state = trained.state_dict();
        foreach (string key in state.Keys.Where(k => k.StartsWith("features.", StringComparison.Ordinal)))
        {
            state[key].eq(file[key]).all().item<bool>().Should().BeTrue($"{key} is PyTorch's and stays frozen for the only epoch");
        }

        state["classifier.1.weight"].eq(file["classifier.1.weight"]).all().item<bool>().Should().BeFalse("the classifier trains while the features are frozen");
        state["classifier.6.weight"].shape.Should().Equal(3, 4096);

        var table = new StringWriter();
        string image = Directory.GetFiles(Path.Combine(data, "green")).First();
        code = PredictSample.Run(new[] { "predict", "--model", temp.File("run/checkpoints/last.ckpt"), "--top", "5", image }, table, error);
        code.Should().Be(0, error.ToString());
        table.ToString().Should().Contain("TorchVision, 3 classes").And.Contain(image);
    }

    [Theory]
    [InlineData("alexnet.safetensors")]
    [InlineData("alexnet.pth")]
    public void Predict_with_a_weights_file_saved_by_AlexNetWeights_and_its_model_card_prints_the_models_own_probabilities(string fileName)
    {
        using var temp = new TempDirectory();
        string data = TransferLearningAndPredictTests.WriteFolder(temp.File("data"));
        string image = Path.Combine(data, "red", "0.jpg");
        var card = new ModelCard { Variant = Variant.TorchVision, Classes = new[] { "blue", "red" } };
        string folder = temp.File("model");
        Directory.CreateDirectory(folder);
        string weights = Path.Combine(folder, fileName);
        using AlexNetModel model = card.CreateModel();
        AlexNetWeights.Save(model, weights);
        card.Write(folder);
        var expected = new ImageClassifier(model, card.Classes, card.Decode(), card.EvaluationTransform()).Predict(image, 2);
        var table = new StringWriter();
        var json = new StringWriter();
        var error = new StringWriter();

        int code = PredictSample.Run(new[] { "predict", "--model", weights, "--top", "2", image }, table, error);
        int jsonCode = PredictSample.Run(new[] { "predict", "--model", weights, "--json", "--top", "2", image }, json, error);

        code.Should().Be(0, error.ToString());
        jsonCode.Should().Be(0, error.ToString());
        table.ToString().Should().Contain($"Model: weights file {weights} (16 tensors); TorchVision, 2 classes.");
        using var document = JsonDocument.Parse(json.ToString());
        var predictions = document.RootElement[0].GetProperty("predictions").EnumerateArray().ToArray();
        predictions.Select(p => p.GetProperty("label").GetString()).Should().Equal(expected.Select(p => p.Label));
        predictions.Select(p => p.GetProperty("probability").GetSingle()).Should().Equal(expected.Select(p => p.Probability), "the file holds exactly the model's weights");
    }

    [Fact]
    public void TransferLearning_with_a_weights_file_of_another_network_fails_naming_the_keys_and_leaves_no_run_folder()
    {
        using var temp = new TempDirectory();
        string data = TransferLearningAndPredictTests.WriteFolder(temp.File("data"));
        string weights = temp.File("paper.safetensors");
        using (AlexNetModel paper = AlexNetFactory.Create(Variant.Paper, 10))
        {
            AlexNetWeights.Save(paper, weights);
        }

        var error = new StringWriter();

        int code = TransferLearningSample.Run(new[] { "--data", data, "--weights", weights, "--skip-unreadable", "--output", temp.File("run") }, new StringWriter(), error);

        code.Should().Be(1);
        error.ToString().Should().StartWith("TransferLearning: ").And.Contain(weights).And.Contain("features.0.weight");
        Directory.Exists(temp.File("run")).Should().BeFalse("nothing is written before the weights load");
    }

    [Fact]
    public void Predict_with_a_weights_file_that_does_not_fit_its_model_card_fails_naming_the_mismatched_keys()
    {
        using var temp = new TempDirectory();
        string data = TransferLearningAndPredictTests.WriteFolder(temp.File("data"));
        string weights = temp.File("alexnet.safetensors");
        using (AlexNetModel twoClasses = AlexNetFactory.Create(Variant.TorchVision, 2))
        {
            AlexNetWeights.Save(twoClasses, weights);
        }

        new ModelCard { Variant = Variant.TorchVision, Classes = new[] { "a", "b", "c" } }.Write(temp.Path);
        var error = new StringWriter();

        int code = PredictSample.Run(new[] { "predict", "--model", weights, Path.Combine(data, "red", "0.jpg") }, new StringWriter(), error);

        code.Should().Be(1);
        error.ToString().Should().StartWith("predict: ").And.Contain(weights).And.Contain("classifier.6.weight").And.Contain("[2, 4096]").And.Contain("[3, 4096]");
    }
}
