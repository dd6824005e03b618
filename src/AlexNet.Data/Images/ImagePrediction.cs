using System.Collections.Generic;

namespace AlexNet.Data.Images;

/// <summary>The top-k predictions for one file of a folder (<see cref="ImageClassifier.PredictFolder"/>).</summary>
public sealed class ImagePrediction
{
    internal ImagePrediction(string path, IReadOnlyList<ClassPrediction> top, string? error = null)
    {
        Path = path;
        Top = top;
        Error = error;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The most probable classes, most probable first; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<ClassPrediction> Top { get; }

    /// <summary>Why the file could not be decoded, or null.</summary>
    public string? Error { get; }
}
