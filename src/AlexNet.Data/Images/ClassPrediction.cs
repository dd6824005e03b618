namespace AlexNet.Data.Images;

/// <summary>One of the top-k classes predicted for an image.</summary>
/// <param name="Label">The class name.</param>
/// <param name="Index">The class index.</param>
/// <param name="Probability">The softmax probability, in [0, 1].</param>
public sealed record ClassPrediction(string Label, int Index, float Probability);
