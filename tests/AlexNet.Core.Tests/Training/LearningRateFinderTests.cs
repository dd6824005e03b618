using System;
using System.Linq;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training;

/// <summary>The learning-rate range test (Trainer.FindLearningRate): the sweep, the smoothing, the suggestion and the restore.</summary>
[Collection(SerialTorchCollection.Name)]
public class LearningRateFinderTests
{
    [Fact]
    public void The_sweep_is_exponential_smoothed_with_bias_correction_stops_on_divergence_and_leaves_model_and_optimizer_as_they_were()
    {
        using var data = new InMemoryBatchSource(samples: 32, batchSize: 8);
        var model = TrainingSetup.Model();
        using var trainer = new Trainer(model, TrainingSetup.Options());
        var weightsBefore = Weights.Bytes(model);
        var options = new LearningRateFinderOptions { StartLearningRate = 1e-4, EndLearningRate = 1e3, Steps = 60 };

        var result = trainer.FindLearningRate(data, options);

        Weights.Bytes(model).Should().BeEquivalentTo(weightsBefore, o => o.WithStrictOrdering());
        model.training.Should().BeTrue();
        int n = result.LearningRates.Count;
        n.Should().BeGreaterThan(15);
        for (int i = 0; i < n; i++)
        {
            double expectedRate = 1e-4 * Math.Pow(1e3 / 1e-4, i / 59.0);
            result.LearningRates[i].Should().BeApproximately(expectedRate, expectedRate * 1e-12);
        }

        // Bias-corrected exponential average, written out: a_i = 0.98 a_(i-1) + 0.02 loss_i, smoothed_i = a_i / (1 - 0.98^(i+1)).
        double average = 0;
        for (int i = 0; i < n; i++)
        {
            average = (0.98 * average) + (0.02 * result.Losses[i]);
            result.SmoothedLosses[i].Should().BeApproximately(average / (1 - Math.Pow(0.98, i + 1)), 1e-12);
        }

        result.Diverged.Should().BeTrue("rates up to 1000 blow the loss up");
        double best = result.SmoothedLosses.Take(n - 1).Min();
        (result.SmoothedLosses[^1] > 4 * best || !double.IsFinite(result.Losses[^1])).Should().BeTrue();
        result.SuggestedLearningRate.Should().NotBeNull().And.BeOneOf(result.LearningRates.Skip(10).Take(n - 15));
    }

    [Fact]
    public void Training_after_the_sweep_equals_training_without_it_bitwise()
    {
        using var data = new InMemoryBatchSource(samples: 32, batchSize: 8);
        var swept = TrainingSetup.Model();
        var plain = TrainingSetup.Model();
        using var sweptTrainer = new Trainer(swept, TrainingSetup.Options(epochs: 1));
        using var plainTrainer = new Trainer(plain, TrainingSetup.Options(epochs: 1));

        sweptTrainer.FindLearningRate(data, new LearningRateFinderOptions { Steps = 10 });
        sweptTrainer.Fit(data);
        plainTrainer.Fit(data);

        Weights.Bytes(swept).Should().BeEquivalentTo(Weights.Bytes(plain), o => o.WithStrictOrdering());
    }

    [Fact]
    public void The_suggestion_is_the_steepest_descent_of_the_smoothed_loss_after_the_first_ten_and_before_the_last_five_points()
    {
        var rates = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        var smoothed = new double[] { 9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 4.5, 4, 2, 1.5, 1.4, 0, 0, 0, -9 };

        // numpy.gradient over points 10..14: [-0.5, -0.5, -1.25, -1.25, -0.5]: the first minimum, point 12.
        new LearningRateFinderResult(rates, smoothed, smoothed, false).SuggestedLearningRate.Should().Be(12);
    }
}
