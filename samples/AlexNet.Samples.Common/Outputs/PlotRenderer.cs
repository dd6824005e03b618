using System.Globalization;
using AlexNet.Core.Metrics;
using ScottPlot;

namespace AlexNet.Samples.Common.Outputs;

/// <summary>
/// Renders the run's pictures as PNG bytes with ScottPlot (SkiaSharp, no display needed): a per-epoch line chart of
/// two series (training and validation) and a confusion-matrix heat map with the counts written in the cells.
/// </summary>
public static class PlotRenderer
{
    /// <summary>Width of every picture, in pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of the line charts, in pixels.</summary>
    public const int ChartHeight = 500;

    /// <summary>Height (and width) of the confusion-matrix picture, in pixels.</summary>
    public const int MatrixSize = 800;

    /// <summary>
    /// A line chart of values per epoch (1-based on the x axis): one line per series, points marked, a legend.
    /// NaN values (an epoch without that metric) are left out of their line.
    /// </summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="yLabel">The y axis label, such as "loss" or "top-1 accuracy (%)".</param>
    /// <param name="series">Each series' legend text and its values, one per epoch.</param>
    /// <exception cref="ArgumentException">No series, or a series with no finite value.</exception>
    public static byte[] EpochChart(string title, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.All(s => !s.Values.Any(double.IsFinite)))
        {
            throw new ArgumentException($"{title}: nothing to plot (no series with a finite value).", nameof(series));
        }

        var plot = new Plot();
        foreach (var (name, values) in series)
        {
            var points = values.Select((v, i) => (Epoch: i + 1.0, Value: v)).Where(p => double.IsFinite(p.Value)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => p.Epoch).ToArray(), points.Select(p => p.Value).ToArray());
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        int epochs = series.Max(s => s.Values.Count);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = EpochTicks(epochs);
        plot.Axes.SetLimitsX(0.5, epochs + 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, ChartHeight, ImageFormat.Png);
    }

    /// <summary>
    /// A confusion-matrix heat map: rows are true classes (top to bottom), columns predicted classes (left to right),
    /// colour by the fraction of the row's samples, each cell labelled with its count.
    /// </summary>
    /// <param name="title">The picture's title.</param>
    /// <param name="counts">counts[t, p] = samples of true class t predicted as p.</param>
    /// <param name="classNames">Names of the classes, index = class.</param>
    /// <exception cref="ArgumentException">The matrix is not square or does not match the class names.</exception>
    public static byte[] ConfusionMatrix(string title, long[,] counts, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int n = counts.GetLength(0);
        if (n == 0 || counts.GetLength(1) != n || classNames.Count != n)
        {
            throw new ArgumentException($"{title}: the confusion matrix must be square with one row per class name ({classNames.Count}); got {counts.GetLength(0)} x {counts.GetLength(1)}.", nameof(counts));
        }

        // Colour: fraction of each true class's samples, so rare and frequent classes read alike.
        var fractions = new double[n, n];
        for (int t = 0; t < n; t++)
        {
            long rowTotal = 0;
            for (int p = 0; p < n; p++)
            {
                rowTotal += counts[t, p];
            }

            for (int p = 0; p < n; p++)
            {
                fractions[t, p] = rowTotal == 0 ? 0 : (double)counts[t, p] / rowTotal;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(fractions);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);

        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                var cell = plot.Add.Text(counts[t, p].ToString(CultureInfo.InvariantCulture), p, n - 1 - t);
                cell.LabelAlignment = Alignment.MiddleCenter;
                cell.LabelFontSize = n > 12 ? 9 : 13;
                cell.LabelFontColor = fractions[t, p] > 0.5 ? Colors.Black : Colors.White;
            }
        }

        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, classNames.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, classNames.Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Title(title + " (colour: fraction of the true class)");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        return plot.GetImageBytes(MatrixSize, MatrixSize, ImageFormat.Png);
    }

    private static ScottPlot.TickGenerators.NumericManual EpochTicks(int epochs)
    {
        int step = Math.Max(1, (int)Math.Ceiling(epochs / 20.0));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int epoch = 1; epoch <= epochs; epoch += step)
        {
            ticks.AddMajor(epoch, epoch.ToString(CultureInfo.InvariantCulture));
        }

        return ticks;
    }
}
