using System;
using System.Collections.Generic;
using AlexNet.Core.Metrics;

namespace AlexNet.Core.Tests.Metrics;

public class MetricsHistoryTests
{
    [Fact]
    public void Series_lists_a_metric_per_epoch_with_nan_where_it_is_missing()
    {
        var history = new MetricsHistory(new[]
        {
            new EpochMetrics(0, 10, new Dictionary<string, double> { ["train_loss"] = 2.0 }),
            new EpochMetrics(1, 20, new Dictionary<string, double> { ["train_loss"] = 1.5, ["val_loss"] = 1.7 }),
        });

        history.Series("train_loss").Should().Equal(2.0, 1.5);
        history.Series("val_loss")[0].Should().Be(double.NaN);
        history.MetricNames.Should().Equal("train_loss", "val_loss");
        history.Last!.GlobalStep.Should().Be(20);
    }

    [Fact]
    public void Epochs_must_be_added_in_increasing_order()
    {
        var history = new MetricsHistory();
        history.Add(new EpochMetrics(3, 30, new Dictionary<string, double>()));

        var act = () => history.Add(new EpochMetrics(3, 31, new Dictionary<string, double>()));

        act.Should().Throw<ArgumentException>().WithMessage("Epoch 3 cannot follow epoch 3*");
    }

    [Fact]
    public void A_confusion_matrix_prints_as_a_table_with_class_names()
    {
        var matrix = new ConfusionMatrix(2, new long[] { 5, 1, 0, 4 });

        matrix.ToString(new[] { "cat", "dog" }).Should().Be(
            "true\\pred  cat dog" + Environment.NewLine +
            "cat          5   1" + Environment.NewLine +
            "dog          0   4" + Environment.NewLine);
        matrix.Accuracy.Should().Be(0.9);
    }
}
