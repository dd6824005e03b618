using System.Collections.Generic;

namespace AlexNet.Core.Models;

/// <summary>One layer of a <see cref="ModelSummary"/>.</summary>
public sealed class ModelSummaryRow
{
    internal ModelSummaryRow(string name, string type, IReadOnlyList<long> outputShape, long parameters, long multiplyAdds)
    {
        Name = name;
        Type = type;
        OutputShape = outputShape;
        Parameters = parameters;
        MultiplyAdds = multiplyAdds;
    }

    /// <summary>State-dict name of the layer: "features.0", "avgpool", "classifier.6".</summary>
    public string Name { get; }

    /// <summary>TorchSharp type: "Conv2d", "ReLU", "LocalResponseNorm", "MaxPool2d", "BatchNorm2d", ...</summary>
    public string Type { get; }

    /// <summary>Shape of the layer's output, batch first.</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>Elements of the layer's parameters (weights and biases; batch-norm running statistics are buffers, not counted).</summary>
    public long Parameters { get; }

    /// <summary>Multiply-accumulates of the layer's weights for the whole batch (0 for layers without weights and for batch norm).</summary>
    public long MultiplyAdds { get; }
}
