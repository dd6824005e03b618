using System;
using System.Collections.Generic;
using AlexNet.Core.Metrics;
using AlexNet.Integration.Tests.Support;
using AlexNet.Samples.Common.Outputs;

namespace AlexNet.Integration.Tests.Outputs;

public class PlotRendererTests
{
    private static readonly string[] Classes = { "T-shirt/top", "Trouser", "Pullover" };

    [Fact]
    public void An_epoch_chart_is_an_800_by_500_png()
    {
        byte[] png = PlotRenderer.EpochChart("Loss per epoch", "loss", new (string, IReadOnlyList<double>)[]
        {
            ("training", new[] { 0.9, 0.5, 0.4 }),
            ("test", new[] { 0.6, double.NaN, 0.45 }),
        });

        PngFile.Size(png).Should().Be((800, 500));
    }

    [Fact]
    public void An_epoch_chart_without_a_finite_value_is_refused()
    {
        var act = () => PlotRenderer.EpochChart("Loss per epoch", "loss", new (string, IReadOnlyList<double>)[] { ("test", new[] { double.NaN }) });

        act.Should().Throw<ArgumentException>().WithMessage("Loss per epoch: nothing to plot*");
    }

    [Fact]
    public void A_confusion_matrix_is_an_800_by_800_png()
    {
        var counts = new long[,] { { 90, 5, 5 }, { 0, 100, 0 }, { 30, 0, 70 } };

        PngFile.Size(PlotRenderer.ConfusionMatrix("confusion", counts, Classes)).Should().Be((800, 800));
    }

    [Fact]
    public void A_confusion_matrix_needs_one_name_per_row_and_column()
    {
        var act = () => PlotRenderer.ConfusionMatrix("confusion", new long[2, 3], Classes);

        act.Should().Throw<ArgumentException>().WithMessage("confusion: the confusion matrix must be square with one row per class name (3); got 2 x 3.*");
    }
}
