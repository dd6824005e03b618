using System.Collections.Generic;

namespace AlexNet.Core.Models;

/// <summary>One layer of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">State-dict name of the layer: "features.0", "avgpool", "classifier.6".</param>
/// <param name="Type">TorchSharp type: "Conv2d", "ReLU", "LocalResponseNorm", "MaxPool2d", "BatchNorm2d", ...</param>
/// <param name="OutputShape">Shape of the layer's output, batch first.</param>
/// <param name="Parameters">Elements of the layer's parameters (weights and biases; batch-norm running statistics are buffers, not counted).</param>
/// <param name="MultiplyAdds">Multiply-accumulates of the layer's weights for the whole batch (0 for layers without weights and for batch norm).</param>
public sealed record ModelSummaryRow(string Name, string Type, IReadOnlyList<long> OutputShape, long Parameters, long MultiplyAdds);
