namespace AlexNet.Data.Images;

/// <summary>One of the top-k classes predicted for an image.</summary>
public sealed class ClassPrediction
{
    internal ClassPrediction(string label, int index, float probability)
    {
        Label = label;
        Index = index;
        Probability = probability;
    }

    /// <summary>The class name.</summary>
    public string Label { get; }

    /// <summary>The class index.</summary>
    public int Index { get; }

    /// <summary>The softmax probability, in [0, 1].</summary>
    public float Probability { get; }

    /// <summary>For example "cat (3): 0.91".</summary>
    public override string ToString() => $"{Label} ({Index}): {Probability}";
}
