using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// A per-layer table of an <see cref="AlexNetModel"/> for one input size, like torchsummary's: layer, output shape,
/// parameters and multiply-adds, with totals. Worked out from the layer definitions; nothing is run.
/// </summary>
/// <remarks>
/// Multiply-adds count the weights' multiply-accumulates: N x C_out x H_out x W_out x (C_in / groups) x k x k for a
/// convolution, N x in x out for a linear layer. Bias additions, ReLU, LRN, pooling and batch norm count 0, the usual
/// convention behind torchvision's "0.714 GMACs" at 224 x 224 (docs/models.md compares it with torchstat's).
/// </remarks>
public sealed class ModelSummary
{
    private ModelSummary(Variant variant, long[] inputShape, IReadOnlyList<ModelSummaryRow> rows)
    {
        Variant = variant;
        InputShape = inputShape;
        Rows = rows;
        TotalParameters = rows.Sum(r => r.Parameters);
        TotalMultiplyAdds = rows.Sum(r => r.MultiplyAdds);
    }

    /// <summary>The variant summarised.</summary>
    public Variant Variant { get; }

    /// <summary>The input shape summarised: N x C x H x W.</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>One row per layer, in forward order.</summary>
    public IReadOnlyList<ModelSummaryRow> Rows { get; }

    /// <summary>All parameters of the model (the sum of the rows).</summary>
    public long TotalParameters { get; }

    /// <summary>Parameters that require gradients; less than <see cref="TotalParameters"/> only where some are frozen.</summary>
    public long TrainableParameters { get; private init; }

    /// <summary>Multiply-accumulates of one forward pass of the whole batch (the sum of the rows).</summary>
    public long TotalMultiplyAdds { get; }

    /// <summary>
    /// Summarises <paramref name="model"/> for a batch of <paramref name="batchSize"/> images of
    /// <paramref name="inputSize"/> (default: the model's nominal size).
    /// </summary>
    /// <exception cref="ArgumentException">The size is outside what the model accepts (the message says what it accepts).</exception>
    public static ModelSummary Of(AlexNetModel model, ImageSize? inputSize = null, int batchSize = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ImageSize size = inputSize ?? model.Descriptor.NominalInputSize;
        long[] inputShape = { batchSize, model.InputChannels, size.Height, size.Width };
        List<TracedLayer> traced = LayerGeometry.Trace(model.Layers, inputShape)
            ?? throw new ArgumentException(model.DescribeMismatch(inputShape, ScalarType.Float32), nameof(inputSize));

        var rows = new List<ModelSummaryRow>(traced.Count);
        long trainable = 0;
        foreach (TracedLayer layer in traced)
        {
            var parameters = layer.Module.parameters().ToList();
            rows.Add(new ModelSummaryRow(layer.Name, layer.Module.GetType().Name, layer.OutputShape, parameters.Sum(p => p.numel()), layer.MultiplyAdds));
            trainable += parameters.Where(p => p.requires_grad).Sum(p => p.numel());
        }

        return new ModelSummary(model.Variant, inputShape, rows) { TrainableParameters = trainable };
    }

    /// <summary>The table as text, in the layout of torchsummary.</summary>
    public string ToText()
    {
        var culture = CultureInfo.InvariantCulture;
        string[] header = { "Layer (type)", "Output Shape", "Param #", "Mult-Adds" };
        var cells = Rows.Select(r => new[]
        {
            $"{r.Name} ({r.Type})",
            "[" + string.Join(", ", r.OutputShape) + "]",
            r.Parameters.ToString("N0", culture),
            r.MultiplyAdds.ToString("N0", culture),
        }).ToList();
        int[] widths = Enumerable.Range(0, header.Length)
            .Select(c => cells.Select(row => row[c].Length).Append(header[c].Length).Max())
            .ToArray();
        string Line(IReadOnlyList<string> row) =>
            $"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadLeft(widths[2])}  {row[3].PadLeft(widths[3])}".TrimEnd();
        int total = widths.Sum() + 6;

        var text = new StringBuilder();
        text.AppendLine(culture, $"AlexNet Variant.{Variant}, input [{string.Join(", ", InputShape)}]");
        text.AppendLine(new string('-', total));
        text.AppendLine(Line(header));
        text.AppendLine(new string('=', total));
        foreach (var row in cells)
        {
            text.AppendLine(Line(row));
        }

        text.AppendLine(new string('=', total));
        text.AppendLine(culture, $"Total params: {TotalParameters:N0}");
        text.AppendLine(culture, $"Trainable params: {TrainableParameters:N0}");
        text.AppendLine(culture, $"Non-trainable params: {TotalParameters - TrainableParameters:N0}");
        text.AppendLine(culture, $"Total mult-adds: {TotalMultiplyAdds:N0} ({FormatGiga(TotalMultiplyAdds)})");
        text.AppendLine(new string('-', total));
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    private static string FormatGiga(long count) => count >= 100_000_000
        ? (count / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " G"
        : (count / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " M";
}
