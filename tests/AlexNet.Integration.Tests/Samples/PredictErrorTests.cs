using System;
using System.IO;
using System.Threading.Tasks;
using AlexNet.Samples;
using static AlexNet.Integration.Tests.Samples.SampleErrorAssertions;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>
/// Issue 20 item 6: every ordinary mistake with the Predict sample ends as one line on standard error naming the
/// argument or field and the remedy, exit code 2 for a bad command line and 1 for a failure, never a stack trace.
/// </summary>
public class PredictErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _weights;
    private readonly string _image;

    public PredictErrorTests()
    {
        string data = TransferLearningAndPredictTests.WriteFolder(_temp.File("data"));
        _image = Path.Combine(data, "red", "0.jpg");
        Directory.CreateDirectory(_temp.File("model"));
        _weights = _temp.File("model/alexnet.pth");
        File.WriteAllText(_weights, "a model card is read before the weights");
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("""{ "Variant": "TorchVision", "Classes": [] }""", "Classes must list from 1")]
    [InlineData("""{ "Variant": "ResNet", "Classes": ["a", "b"] }""", "Variant must be one of Paper, TorchVision, CifarBatchNorm; got 'ResNet'")]
    [InlineData("""{ "Variant": 7, "Classes": ["a", "b"] }""", "Variant must be one of")]
    [InlineData("""{ "Variant": "TorchVision", "Classes": ["a", "b"], "ShorterSide": 256, "CropSize": 300 }""", "CropSize must be")]
    [InlineData("""{ "Variant": "TorchVision", "Classes": ["a", "b"], "Std": [0, 0.2, 0.2] }""", "Std[0] must be a finite number above 0; got 0")]
    [InlineData("""{ "Variant": "TorchVision", "Classes": ["a", null] }""", "Classes[1] is null")]
    [InlineData("""{ "Variant": "TorchVision", "Classes": null }""", "Classes must list")]
    [InlineData("""{ "Variant": "TorchVision", "Classes": ["a", "b"], "ClassifierWidth": 1000000000 }""", "ClassifierWidth must be from 1 to 8192")]
    [InlineData("""{ "Variant": "TorchVision" }""", "not a model card")]
    [InlineData("""[1, 2""", "not a model card")]
    public void A_model_card_with_a_field_out_of_range_fails_with_one_line_naming_the_file_and_the_field(string json, string expected)
    {
        File.WriteAllText(_temp.File("model/model.json"), json);

        Run(PredictSample.Run, "predict", "--model", _weights, _image).ShouldFailWith(1, "predict: ", _temp.File("model/model.json"), expected);
    }

    [Fact]
    public void A_model_card_larger_than_the_limit_is_refused_before_it_is_read()
    {
        using (var card = File.Create(_temp.File("model/model.json")))
        {
            card.SetLength(AlexNet.Samples.Common.Models.ModelCard.MaxFileBytes + 1); // sparse: no 16 MB written
        }

        Run(PredictSample.Run, "predict", "--model", _weights, _image)
            .ShouldFailWith(1, "predict: ", _temp.File("model/model.json"), "16,777,217 bytes is too large for a model.json (at most 16,777,216)");
    }

    [Fact]
    public void A_model_that_is_a_folder_without_checkpoints_is_a_usage_error()
    {
        Run(PredictSample.Run, "predict", "--model", _temp.File("data"), _image)
            .ShouldFailWith(2, "--model: the folder", "holds no checkpoints/best.ckpt", "run folder");
    }

    [Fact]
    public void A_model_file_that_does_not_exist_is_a_usage_error()
    {
        Run(PredictSample.Run, "predict", "--model", _temp.File("nothing.ckpt"), _image).ShouldFailWith(2, "--model: ", "does not exist", "See --help");
    }

    [Fact]
    public void A_model_file_that_is_a_fifo_is_refused_without_opening_it()
    {
        string fifo = _temp.File("model/fifo.pth");
        NamedPipe.Create(fifo);

        Run(PredictSample.Run, "predict", "--model", fifo, _image).ShouldFailWith(2, "--model: ", "not a regular file");
    }

    [Fact]
    public async Task An_image_that_is_a_fifo_named_jpg_is_refused_and_does_not_hang()
    {
        string fifo = _temp.File("data/red/pipe.jpg");
        NamedPipe.Create(fifo);
        File.WriteAllText(_temp.File("model/model.json"), """{ "Variant": "TorchVision", "Classes": ["a", "b"] }""");

        var run = Task.Run(() => Run(PredictSample.Run, "predict", "--model", _weights, fifo));
        (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(run, "a FIFO must not block the read");

        (await run).ShouldFailWith(2, "IMAGE: ", fifo, "not a regular file");
    }

    [Fact]
    public void A_missing_model_card_is_a_usage_error_that_names_init_model()
    {
        Run(PredictSample.Run, "predict", "--model", _weights, _image).ShouldFailWith(2, "--model: no model.json beside", "--card", "init-model");
    }

    [Theory]
    [InlineData("--top", "0", "--top must be 1 or more; got 0")]
    [InlineData("--top", "x", "'x'")]
    [InlineData("--topp", "3", "--topp")]
    public void Bad_options_are_usage_errors_with_one_line(string option, string value, string expected)
    {
        Run(PredictSample.Run, "predict", "--model", _weights, option, value, _image).ShouldFailWith(2, "predict: ", expected, "See --help");
    }

    [Fact]
    public void An_image_that_does_not_exist_is_a_usage_error()
    {
        Run(PredictSample.Run, "predict", "--model", _weights, _temp.File("no.jpg")).ShouldFailWith(2, "IMAGE: ", "does not exist");
    }

    [Fact]
    public void A_folder_with_no_image_says_so_and_fails()
    {
        Directory.CreateDirectory(_temp.File("empty"));
        File.WriteAllText(_temp.File("empty/notes.txt"), "not an image");
        File.WriteAllText(_temp.File("model/model.json"), """{ "Variant": "TorchVision", "Classes": ["a", "b"] }""");
        using (var model = AlexNet.Core.Models.AlexNetFactory.Create(AlexNet.Core.Models.Variant.TorchVision, 2))
        {
            AlexNet.Core.Interop.AlexNetWeights.Save(model, _weights);
        }

        Run(PredictSample.Run, "predict", "--model", _weights, _temp.File("empty")).ShouldFailWith(1, "IMAGE: the folder", "holds no image file", "nothing to predict");
    }
}
