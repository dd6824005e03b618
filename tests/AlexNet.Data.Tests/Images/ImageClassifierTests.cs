using System;
using System.IO;
using System.Linq;
using AlexNet.Data.Images;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Images;

/// <summary>Top-k prediction on image files, bytes and streams with a model whose outputs are known.</summary>
public sealed class ImageClassifierTests
{
    private static string Fixture(string name) => RepositoryFile.Find(Path.Combine("tests", "fixtures", "images", name));

    /// <summary>Scores = (mean red, mean green, mean blue, 0) of the image in [0, 1] times 10: the ranking follows the colour.</summary>
    private sealed class MeanColour : nn.Module<Tensor, Tensor>
    {
        public MeanColour()
            : base(nameof(MeanColour))
        {
        }

        public override Tensor forward(Tensor input) =>
            cat(new[] { input.mean(new long[] { 2, 3 }), zeros(input.shape[0], 1) }, 1).mul(10);
    }

    private static ImageClassifier Classifier() => new(
        new MeanColour(),
        new[] { "red", "green", "blue", "none" },
        new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 },
        ImageTransforms.ToFloat());

    [Fact]
    public void Predict_returns_the_top_k_labels_with_softmax_probabilities_most_probable_first()
    {
        var top = Classifier().Predict(Fixture("cmyk.jpg"), top: 3);

        top.Select(p => p.Label).First().Should().BeOneOf("red", "green", "blue");
        top.Should().HaveCount(3);
        top.Select(p => p.Probability).Should().BeInDescendingOrder();
        top.Sum(p => p.Probability).Should().BeLessThanOrEqualTo(1.0001f);
    }

    [Fact]
    public void A_red_image_is_predicted_red_from_a_path_bytes_or_a_stream_alike()
    {
        var classifier = Classifier();
        string path = Fixture("exif3.jpg");

        var fromPath = classifier.Predict(path, top: 4);
        var fromBytes = classifier.Predict(File.ReadAllBytes(path), top: 4);
        using var stream = File.OpenRead(path);
        var fromStream = classifier.Predict(stream, top: 4);

        fromPath.Should().HaveCount(4);
        fromBytes.Should().BeEquivalentTo(fromPath, o => o.WithStrictOrdering());
        fromStream.Should().BeEquivalentTo(fromPath, o => o.WithStrictOrdering());
        fromPath.Sum(p => p.Probability).Should().BeApproximately(1f, 1e-5f);
    }

    [Fact]
    public void The_probabilities_are_the_softmax_of_the_model_scores()
    {
        // palette.png resized to 8 x 8 and centre-cropped: its mean colour is what the model scores.
        var classifier = Classifier();
        DecodedImage decoded = ImageDecoder.Decode(Fixture("palette.png"), new ImageDecodeOptions { ShorterSide = 8, CenterCrop = 8 });
        using Tensor image = ImageDecoder.ToTensor(decoded).to(ScalarType.Float32).div(255);
        using Tensor expected = cat(new[] { image.mean(new long[] { 1, 2 }), zeros(1) }).mul(10).softmax(0);
        float[] p = expected.data<float>().ToArray();

        var top = classifier.Predict(Fixture("palette.png"), top: 4);
        foreach (var prediction in top)
        {
            prediction.Probability.Should().BeApproximately(p[prediction.Index], 1e-5f);
        }
    }

    [Fact]
    public void PredictFolder_predicts_every_image_in_batches_and_reports_unreadable_files_without_stopping()
    {
        using var dir = new TempDirectory();
        foreach (string name in new[] { "palette.png", "rgba.png", "exif6.jpg", "cmyk.jpg", "rgb16.png" })
        {
            File.Copy(Fixture(name), dir.File(name));
        }

        File.WriteAllText(dir.File("broken.jpg"), "no");
        var results = Classifier().PredictFolder(dir.Path, top: 2, batchSize: 2).ToArray();

        results.Select(r => Path.GetFileName(r.Path)).Should().Equal("broken.jpg", "cmyk.jpg", "exif6.jpg", "palette.png", "rgb16.png", "rgba.png");
        results[0].Error.Should().StartWith("not an image");
        results[0].Top.Should().BeEmpty();
        results.Skip(1).Should().OnlyContain(r => r.Error == null && r.Top.Count == 2);
    }
}
