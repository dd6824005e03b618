using System.Collections.Generic;

namespace AlexNet.Data.Images;

/// <summary>The top-k predictions for one file of a folder (<see cref="ImageClassifier.PredictFolder"/>).</summary>
/// <param name="Path">The file.</param>
/// <param name="Top">The most probable classes, most probable first; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the file could not be decoded, or null.</param>
public sealed record ImagePrediction(string Path, IReadOnlyList<ClassPrediction> Top, string? Error = null);
