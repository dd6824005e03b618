using System.Globalization;
using System.Text;
using AlexNet.Core.Training;
using ScottPlot;

namespace AlexNet.Samples.Common.Outputs;

/// <summary>
/// The range test's files in a run folder, drawn like the run's other plots (<see cref="PlotRenderer"/>'s size, PNG):
/// lr-find.png (smoothed and raw loss over log10 of the rate, the suggestion marked) and lr-find.csv (one row per step).
/// </summary>
public static class LearningRateFinderOutput
{
    /// <summary>Writes lr-find.png and lr-find.csv into <paramref name="folder"/>; returns the picture's path.</summary>
    public static string Write(RunFolder folder, LearningRateFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder("step,lr,loss,smoothed_loss\n");
        for (int i = 0; i < result.LearningRates.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{result.LearningRates[i]:R},{result.Losses[i]:R},{result.SmoothedLosses[i]:R}\n");
        }

        OutputFile.WriteAllText(Path.Combine(folder.Root, "lr-find.csv"), csv.ToString());
        string picture = Path.Combine(folder.Root, "lr-find.png");
        OutputFile.WriteAllBytes(picture, Render(result));
        return picture;
    }

    private static byte[] Render(LearningRateFinderResult result)
    {
        var plot = new Plot();
        var logRates = result.LearningRates.Select(Math.Log10).ToArray();
        var finite = Enumerable.Range(0, logRates.Length).Where(i => double.IsFinite(result.Losses[i])).ToArray();
        var raw = plot.Add.Scatter(finite.Select(i => logRates[i]).ToArray(), finite.Select(i => result.Losses[i]).ToArray());
        raw.LegendText = "loss";
        raw.MarkerSize = 3;
        raw.LineWidth = 0;
        var smooth = plot.Add.Scatter(finite.Select(i => logRates[i]).ToArray(), finite.Select(i => result.SmoothedLosses[i]).ToArray());
        smooth.LegendText = "smoothed loss";
        smooth.LineWidth = 2;
        smooth.MarkerSize = 0;
        if (result.SuggestedLearningRate is double suggested)
        {
            var line = plot.Add.VerticalLine(Math.Log10(suggested));
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"suggested {suggested:G3}");
        }

        plot.Title("learning-rate range test");
        plot.XLabel("log10(learning rate)");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(PlotRenderer.Width, PlotRenderer.ChartHeight, ImageFormat.Png);
    }
}
