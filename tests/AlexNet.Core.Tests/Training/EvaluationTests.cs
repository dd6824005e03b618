using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

public class EvaluationTests
{
    // Four images whose pixels are the logits over 3 classes.
    private static readonly float[] Logits = { 2, 1, 0, 0, 3, 1, 1, 0, 2, 0, 0, 5 };
    private static readonly long[] Labels = { 0, 1, 0, 2 };

    [Fact]
    public void Evaluate_reports_loss_top1_per_class_accuracy_and_the_confusion_matrix_exactly()
    {
        using var scope = NewDisposeScope();
        var source = new TensorBatchSource(tensor(Logits, new long[] { 4, 1, 1, 3 }), tensor(Labels), batchSize: 3);
        using var trainer = new Trainer(new IdentityClassifier(3), TrainingSetup.Options());

        var result = trainer.Evaluate(source);

        double expectedLoss = Enumerable.Range(0, 4).Average(i => -LogSoftmax(Row(i))[Labels[i]]);
        result.Samples.Should().Be(4);
        result.Loss.Should().BeApproximately(expectedLoss, 1e-6);
        result.Top1.Should().Be(0.75, "image 2 (logits 1, 0, 2, label 0) is predicted as class 2");
        result.Top5.Should().Be(1.0);
        result.PerClassAccuracy.Should().Equal(0.5, 1.0, 1.0);
        result.ConfusionMatrix!.ToArray().Should().Equal(1, 0, 1, 0, 1, 0, 0, 0, 1);
    }

    [Fact]
    public void Predict_returns_softmax_probabilities_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        using var trainer = new Trainer(new IdentityClassifier(3), TrainingSetup.Options());

        var probabilities = trainer.Predict(tensor(Logits, new long[] { 4, 1, 1, 3 }));

        probabilities.shape.Should().Equal(4, 3);
        probabilities.device_type.Should().Be(TorchSharp.DeviceType.CPU);
        var values = probabilities.data<float>().ToArray();
        for (int i = 0; i < 4; i++)
        {
            var expected = LogSoftmax(Row(i)).Select(Math.Exp).ToArray();
            values.Skip(i * 3).Take(3).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public void Test_time_augmentation_averages_the_softmax_over_the_views()
    {
        using var scope = NewDisposeScope();
        var source = new TensorBatchSource(tensor(Logits, new long[] { 4, 1, 1, 3 }), tensor(Labels), batchSize: 4);
        using var trainer = new Trainer(new IdentityClassifier(3), TrainingSetup.Options());
        var views = new OriginalAndUniformViews();

        var probabilities = trainer.Predict(tensor(Logits, new long[] { 4, 1, 1, 3 }), views);
        var result = trainer.Evaluate(source, views);

        // View 1 has all-zero logits: a uniform distribution. The average is (softmax(x) + 1/3) / 2.
        var expected = Enumerable.Range(0, 4).Select(i => LogSoftmax(Row(i)).Select(l => (Math.Exp(l) + (1.0 / 3)) / 2).ToArray()).ToArray();
        probabilities.data<float>().ToArray().Should().Equal(expected.SelectMany(r => r).ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
        result.Loss.Should().BeApproximately(Enumerable.Range(0, 4).Average(i => -Math.Log(expected[i][Labels[i]])), 1e-6);
        result.Top1.Should().Be(0.75);
    }

    [Fact]
    public void Evaluate_restores_training_mode()
    {
        using var scope = NewDisposeScope();
        var source = new TensorBatchSource(tensor(Logits, new long[] { 4, 1, 1, 3 }), tensor(Labels), batchSize: 4);
        using var trainer = new Trainer(new IdentityClassifier(3), TrainingSetup.Options());
        trainer.Model.train();

        trainer.Evaluate(source);

        trainer.Model.training.Should().BeTrue();
    }

    private static double[] Row(int i) => Logits.Skip(i * 3).Take(3).Select(v => (double)v).ToArray();

    private static double[] LogSoftmax(double[] x)
    {
        double max = x.Max();
        double log = Math.Log(x.Sum(v => Math.Exp(v - max))) + max;
        return x.Select(v => v - log).ToArray();
    }

    /// <summary>Two views per image, view-major: the image itself, then an all-zero image.</summary>
    private sealed class OriginalAndUniformViews : ITestTimeAugmentation
    {
        public int ViewCount => 2;

        public Tensor CreateViews(Tensor images) => cat(new[] { images, zeros_like(images) }, 0);
    }
}
