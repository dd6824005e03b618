using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Training;
using AlexNet.Samples;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>The TransferLearning sample on a small JPEG folder, then the Predict sample on its checkpoint.</summary>
public class TransferLearningAndPredictTests
{
    /// <summary>Two classes of 6 JPEGs each (64 x 48, 48 x 64): reddish and bluish noise, plus one broken file.</summary>
    internal static string WriteFolder(string root)
    {
        var random = new Random(5);
        foreach (var (name, red) in new[] { ("blue", false), ("red", true) })
        {
            string folder = Path.Combine(root, name);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < 6; i++)
            {
                using var bitmap = new SKBitmap(i % 2 == 0 ? 64 : 48, i % 2 == 0 ? 48 : 64, SKColorType.Rgba8888, SKAlphaType.Opaque);
                for (int y = 0; y < bitmap.Height; y++)
                {
                    for (int x = 0; x < bitmap.Width; x++)
                    {
                        byte noise = (byte)random.Next(80);
                        bitmap.SetPixel(x, y, red ? new SKColor((byte)(170 + noise), noise, noise) : new SKColor(noise, noise, (byte)(170 + noise)));
                    }
                }

                using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
                File.WriteAllBytes(Path.Combine(folder, $"{i}.jpg"), jpeg.ToArray());
            }
        }

        File.WriteAllText(Path.Combine(root, "red", "broken.jpg"), "not an image");
        return root;
    }

    [Fact]
    public void TransferLearning_trains_on_an_image_folder_writes_its_outputs_and_Predict_prints_the_top_classes()
    {
        using var temp = new TempDirectory();
        string data = WriteFolder(temp.File("data"));
        var output = new StringWriter();
        var error = new StringWriter();

        int code = TransferLearningSample.Run(new[] { "--data", data, "--epochs", "2", "--batch-size", "4", "--validation-fraction", "0.34", "--skip-unreadable", "--output", temp.File("run") }, output, error);

        code.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("13 image files in 2 classes (blue, red)").And.Contain("NOTICE: no --weights")
            .And.Contain("features frozen for 1 epoch(s)").And.Contain("ten-crop")
            .And.Contain("Training AlexNetModel on cpu: 2 epochs of").And.NotContain("Training TorchVision AlexNet").And.Contain("Skipped 1 unreadable file(s)").And.Contain("broken.jpg");
        foreach (string file in new[] { "model.json", "report.md", "metrics.csv", "loss.png", "accuracy.png", "confusion-matrix.png", "checkpoints/best.ckpt", "checkpoints/last.ckpt" })
        {
            File.Exists(temp.File(Path.Combine("run", file))).Should().BeTrue(file);
        }

        // Fine-tune from that checkpoint on a folder with one class more: everything but the last layer is copied.
        Directory.CreateDirectory(Path.Combine(data, "green"));
        foreach (string f in Directory.GetFiles(Path.Combine(data, "red"), "*.jpg").Where(f => !f.EndsWith("broken.jpg", StringComparison.Ordinal)).Take(3))
        {
            File.Move(f, Path.Combine(data, "green", Path.GetFileName(f)));
        }

        var second = new StringWriter();
        code = TransferLearningSample.Run(new[] { "--data", data, "--weights", temp.File("run/checkpoints/best.ckpt"), "--epochs", "1", "--batch-size", "2", "--validation-fraction", "0.34", "--skip-unreadable", "--output", temp.File("run2") }, second, error);
        code.Should().Be(0, error.ToString());
        second.ToString().Should().Contain("3 classes (blue, green, red)").And.Contain("14 tensors loaded; its head for 2 classes replaced by a new one for 3 (classifier.6.weight, classifier.6.bias re-initialised)");

        var table = new StringWriter();
        string image = Path.Combine(data, "green", Directory.GetFiles(Path.Combine(data, "green")).Select(Path.GetFileName).First()!);
        code = PredictSample.Run(new[] { "predict", "--model", temp.File("run/checkpoints/best.ckpt"), "--top", "5", image }, table, error);
        code.Should().Be(0, error.ToString());
        table.ToString().Should().Contain("TorchVision, 2 classes").And.Contain(image).And.Contain("rank  label");

        // The run folder stands for its checkpoints/best.ckpt; the epoch is counted as the console counts it (2/2).
        var fromFolder = new StringWriter();
        code = PredictSample.Run(new[] { "predict", "--model", temp.File("run"), "--top", "1", image }, fromFolder, error);
        code.Should().Be(0, error.ToString());
        fromFolder.ToString().Should().Contain(Path.Combine(temp.File("run"), "checkpoints", "best.ckpt")).And.MatchRegex(@"after epoch [12]\)");
        var last = new StringWriter();
        PredictSample.Run(new[] { "predict", "--model", temp.File("run/checkpoints/last.ckpt"), "--top", "1", image }, last, error).Should().Be(0);
        last.ToString().Should().Contain("after epoch 2)", "the console's last epoch was 2/2");

        var json = new StringWriter();
        code = PredictSample.Run(new[] { "predict", "--model", temp.File("run/checkpoints/best.ckpt"), "--json", image, Path.Combine(data, "red", "broken.jpg") }, json, error);
        code.Should().Be(1, "one of the images cannot be read");
        using var document = JsonDocument.Parse(json.ToString());
        JsonElement first = document.RootElement[0];
        first.GetProperty("image").GetString().Should().Be(image);
        var predictions = first.GetProperty("predictions").EnumerateArray().ToArray();
        predictions.Select(p => p.GetProperty("label").GetString()).Should().BeEquivalentTo("blue", "red");
        predictions.Sum(p => p.GetProperty("probability").GetDouble()).Should().BeApproximately(1.0, 1e-4);
        document.RootElement[1].GetProperty("error").GetString().Should().StartWith("not an image");
    }

    [Fact]
    public void The_feature_layers_stay_unchanged_while_frozen_and_train_afterwards()
    {
        using AlexNetModel model = AlexNetFactory.Create(Variant.TorchVision, 2);
        using var images = rand(4, 3, 64, 64);
        using var labels = tensor(new long[] { 0, 1, 0, 1 });
        var source = new OneBatch(images, labels);
        using var featuresBefore = model.Features.parameters().First().detach().clone();
        using var classifierBefore = model.Classifier.parameters().Last().detach().clone();
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, Device = "cpu", Optimizer = new OptimizerOptions { LearningRate = 0.1 } });
        trainer.Hooks.Add(new FreezeFeaturesHook(model, epochs: 1));

        trainer.Fit(source);

        model.Features.parameters().First().eq(featuresBefore).all().item<bool>().Should().BeTrue();
        model.Classifier.parameters().Last().eq(classifierBefore).all().item<bool>().Should().BeFalse();
        model.Features.parameters().Should().OnlyContain(p => p.requires_grad, "the hook unfreezes at the end of the fit");

        trainer.Options.Epochs.Should().Be(1);
        var unfrozen = new Trainer(model, new TrainerOptions { Epochs = 1, Device = "cpu", Optimizer = new OptimizerOptions { LearningRate = 0.1 } });
        unfrozen.Fit(source);
        model.Features.parameters().First().eq(featuresBefore).all().item<bool>().Should().BeFalse();
        unfrozen.Dispose();
    }

    private sealed class OneBatch(Tensor images, Tensor labels) : IBatchSource
    {
        public int BatchesPerEpoch => 1;

        public long SamplesPerEpoch => images.shape[0];

        public System.Collections.Generic.IEnumerable<Batch> GetBatches(int epoch, int startBatch = 0)
        {
            if (startBatch == 0)
            {
                yield return new Batch(images.clone(), labels.clone());
            }
        }
    }
}
