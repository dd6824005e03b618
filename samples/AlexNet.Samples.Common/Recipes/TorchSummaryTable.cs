using System.Globalization;
using AlexNet.Core.Models;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// A model summary in the layout of the Python package torchsummary (<c>summary(model, (3, 227, 227))</c>): one row per
/// layer named TYPE-N, the output shape with batch -1, the parameter count, then the totals and the size estimates in MB.
/// </summary>
public static class TorchSummaryTable
{
    /// <summary>torchsummary's rule width: 64.</summary>
    public const int Width = 64;

    /// <summary>The lines of <paramref name="summary"/> (taken for a batch of 1) in torchsummary's layout.</summary>
    public static IReadOnlyList<string> Lines(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var culture = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            new string('-', Width),
            Row("Layer (type)", "Output Shape", "Param #"),
            new string('=', Width),
        };
        long outputs = 0;
        for (int i = 0; i < summary.Rows.Count; i++)
        {
            ModelSummaryRow row = summary.Rows[i];
            long[] shape = row.OutputShape.ToArray();
            shape[0] = -1;
            outputs += row.OutputShape.Skip(1).Aggregate(1L, (a, b) => a * b);
            lines.Add(Row(string.Create(culture, $"{row.Type}-{i + 1}"), "[" + string.Join(", ", shape) + "]", row.Parameters.ToString("N0", culture)));
        }

        double inputMb = summary.InputShape.Skip(1).Aggregate(1L, (a, b) => a * b) * 4.0 / (1024 * 1024);
        double passMb = 2.0 * outputs * 4.0 / (1024 * 1024);
        double paramsMb = summary.TotalParameters * 4.0 / (1024 * 1024);
        lines.AddRange(new[]
        {
            new string('=', Width),
            string.Create(culture, $"Total params: {summary.TotalParameters:N0}"),
            string.Create(culture, $"Trainable params: {summary.TrainableParameters:N0}"),
            string.Create(culture, $"Non-trainable params: {summary.TotalParameters - summary.TrainableParameters:N0}"),
            new string('-', Width),
            string.Create(culture, $"Input size (MB): {inputMb:0.00}"),
            string.Create(culture, $"Forward/backward pass size (MB): {passMb:0.00}"),
            string.Create(culture, $"Params size (MB): {paramsMb:0.00}"),
            string.Create(culture, $"Estimated Total Size (MB): {inputMb + passMb + paramsMb:0.00}"),
            new string('-', Width),
        });
        return lines;
    }

    /// <summary>torchsummary's row: "{:>20}  {:>25} {:>15}".</summary>
    private static string Row(string layer, string shape, string parameters) => $"{layer,20}  {shape,25} {parameters,15}";
}
