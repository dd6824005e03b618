using AlexNet.Core.Metrics;

namespace AlexNet.Samples.Common.Outputs;

/// <summary>Writes a run's PNG plots from its metrics history and final confusion matrix, each file atomically.</summary>
public static class RunPlots
{
    /// <summary>Writes <c>loss.png</c> and <c>accuracy.png</c> (training and test per epoch).</summary>
    public static void WriteEpochCharts(RunFolder folder, MetricsHistory history)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(history);
        Write(folder.LossPlot, PlotRenderer.EpochChart("Loss per epoch", "mean cross-entropy loss", new (string, IReadOnlyList<double>)[]
        {
            ("training", history.Series(MetricNames.TrainLoss)),
            ("test", history.Series(MetricNames.ValidationLoss)),
        }));
        Write(folder.AccuracyPlot, PlotRenderer.EpochChart("Top-1 accuracy per epoch", "top-1 accuracy (%)", new (string, IReadOnlyList<double>)[]
        {
            ("training", Percent(history.Series(MetricNames.TrainTop1))),
            ("test", Percent(history.Series(MetricNames.ValidationTop1))),
        }));
    }

    /// <summary>Writes <c>confusion-matrix.png</c>.</summary>
    public static void WriteConfusionMatrix(RunFolder folder, ConfusionMatrix matrix, IReadOnlyList<string> classNames, string title)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(matrix);
        var counts = new long[matrix.ClassCount, matrix.ClassCount];
        for (int t = 0; t < matrix.ClassCount; t++)
        {
            for (int p = 0; p < matrix.ClassCount; p++)
            {
                counts[t, p] = matrix[t, p];
            }
        }

        Write(folder.ConfusionMatrixPlot, PlotRenderer.ConfusionMatrix(title, counts, classNames));
    }

    private static double[] Percent(IReadOnlyList<double> fractions) => fractions.Select(f => f * 100).ToArray();

    private static void Write(string path, byte[] png) => OutputFile.WriteAllBytes(path, png);
}
