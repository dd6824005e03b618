using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Core.Models.Weights;
using AlexNet.Samples;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>
/// The Predict sample's <c>predict --pretrained imagenet</c> and <c>evaluate</c> with torchvision's 1000-class network
/// (random weights saved by <see cref="AlexNetWeights.Save"/>, given with <c>--weights-file</c> and <c>--offline</c>:
/// the real file is not downloaded here) on a tiny generated folder whose labels are built from the model's own predictions.
/// </summary>
public sealed class PretrainedSampleTests : IClassFixture<RandomImageNetWeights>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _weights;
    private readonly string[] _images;

    public PretrainedSampleTests(RandomImageNetWeights weights)
    {
        _weights = weights.Path;
        string folder = TransferLearningAndPredictTests.WriteFolder(_temp.File("images"));
        _images = Directory.GetFiles(folder, "*.jpg", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("broken.jpg", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Predict_prints_imagenet_class_names_and_evaluate_prints_the_top1_and_top5_of_a_folder_labelled_by_index()
    {
        IReadOnlyList<int[]> top5 = PredictTop5(_images);
        string val = _temp.File("val");
        for (int k = 0; k < _images.Length; k++)
        {
            // Every third image is labelled with the model's first class, every third with its third, the rest with a class outside its top 5.
            int label = (k % 3) switch { 0 => top5[k][0], 1 => top5[k][2], _ => Enumerable.Range(0, 1000).First(c => !top5[k].Contains(c)) };
            CopyInto(Path.Combine(val, label.ToString(System.Globalization.CultureInfo.InvariantCulture)), _images[k], k);
        }

        File.WriteAllText(Path.Combine(val, top5[0][0].ToString(System.Globalization.CultureInfo.InvariantCulture), "broken.jpg"), "not an image");
        var (code, output, error) = Run("evaluate", "--pretrained", "imagenet", "--weights-file", _weights, "--offline", "--batch-size", "1", "--data", val);

        code.Should().Be(0, error);
        output.Should().Contain($"Model: ImageNet1kV1 ({_weights}), TorchVision, 1000 classes.")
            .And.Contain("Images: 12 evaluated, 1 unreadable; folders named by class index.")
            .And.Contain("top-1: 33.333% (4 of 12) (torchvision reports 56.522% on the 50,000 validation images)")
            .And.Contain("top-5: 66.667% (8 of 12) (torchvision reports 79.066% on the 50,000 validation images)");
        error.Should().Contain("evaluate: skipped").And.Contain("broken.jpg");
    }

    [Fact]
    public void Evaluate_maps_1000_wordnet_id_folders_to_the_classes_in_sorted_order_as_torchvisions_image_folder()
    {
        IReadOnlyList<int[]> top5 = PredictTop5(_images);
        string val = _temp.File("val");
        string[] wnids = Enumerable.Range(0, 1000).Select(i => $"n{1440764 + (i * 13_000):D8}").ToArray();
        foreach (string wnid in wnids)
        {
            Directory.CreateDirectory(Path.Combine(val, wnid));
        }

        for (int k = 0; k < _images.Length; k++)
        {
            CopyInto(Path.Combine(val, wnids[top5[k][0]]), _images[k], k);
        }

        var (code, output, error) = Run("evaluate", "--pretrained", "imagenet", "--weights-file", _weights, "--offline", "--batch-size", "1", "--data", val);

        code.Should().Be(0, error);
        output.Should().Contain($"1000 folders in sorted order (n01440764 = 0, ..., {wnids[^1]} = 999)")
            .And.Contain("top-1: 100.000% (12 of 12)").And.Contain("top-5: 100.000% (12 of 12)");
    }

    [Fact]
    public void Mistakes_give_one_line_naming_the_argument_or_the_places_looked_at()
    {
        var (code, _, error) = Run("predict", "--pretrained", "nope", _images[0]);
        code.Should().Be(2);
        error.Trim().Should().Be("predict: --pretrained: unknown entry 'nope'; known: imagenet.");

        (code, _, error) = Run("predict", _images[0]);
        code.Should().Be(2);
        error.Trim().Should().Be("predict: give either --model PATH or --pretrained imagenet.");

        string cache = _temp.File("empty-cache");
        (code, _, error) = Run("evaluate", "--pretrained", "imagenet", "--offline", "--cache-dir", cache, "--data", _temp.Path);
        code.Should().Be(1);
        error.Should().StartWith("evaluate: ImageNet1kV1: alexnet-owt-7be5be79.pth is not in the cache and downloads are off; looked for "
            + Path.Combine(cache, "alexnet-owt-7be5be79.pth")).And.NotContain("   at ");

        (code, _, error) = Run("evaluate", "--pretrained", "imagenet", "--weights-file", _weights, "--data", _temp.File("images"));
        code.Should().Be(1);
        error.Should().StartWith("evaluate: --data: ")
            .And.Contain("has 2 class folders; expected folders named by class index (0 to 999) or all 1000 WordNet-id folders");

        (code, _, error) = Run("predict", "--pretrained", "imagenet", "--download-base-url", "ftp://mirror", _images[0]);
        code.Should().Be(2);
        error.Should().StartWith("predict: PretrainedOptions.DownloadBaseUrl must be an absolute http or https address");
    }

    /// <summary>The top-5 class indices of each image, from <c>predict --pretrained imagenet --json</c>, checking the names printed.</summary>
    private IReadOnlyList<int[]> PredictTop5(string[] images)
    {
        string[] args = ["predict", "--pretrained", "imagenet", "--weights-file", _weights, "--offline", "--json", .. images];
        var (code, output, error) = Run(args);
        code.Should().Be(0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        var top5 = new List<int[]>();
        foreach (JsonElement image in json.RootElement.EnumerateArray())
        {
            var predictions = image.GetProperty("predictions").EnumerateArray().ToArray();
            predictions.Should().HaveCount(5);
            foreach (JsonElement p in predictions)
            {
                p.GetProperty("label").GetString().Should().Be(DatasetCategories.ImageNet[p.GetProperty("index").GetInt32()]);
            }

            top5.Add(predictions.Select(p => p.GetProperty("index").GetInt32()).ToArray());
        }

        top5.Should().HaveCount(images.Length);
        return top5;
    }

    private static void CopyInto(string folder, string image, int k)
    {
        Directory.CreateDirectory(folder);
        File.Copy(image, Path.Combine(folder, $"{k:D2}.jpg"));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = PredictSample.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>torchvision's 1000-class network with random weights, saved once for the tests of a class (244 MB).</summary>
public sealed class RandomImageNetWeights : IDisposable
{
    private readonly TempDirectory _folder = new();

    public RandomImageNetWeights()
    {
        Path = _folder.File("alexnet.pth");
        using AlexNetModel model = AlexNetFactory.Create(Variant.TorchVision, 1000);
        AlexNetWeights.Save(model, Path);
    }

    public string Path { get; }

    public void Dispose() => _folder.Dispose();
}
