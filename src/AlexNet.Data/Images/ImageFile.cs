namespace AlexNet.Data.Images;

/// <summary>One image of a folder dataset: its path and its class label.</summary>
/// <param name="Path">The full path of the file.</param>
/// <param name="Label">The class index, into <see cref="ImageFolder.Classes"/>.</param>
public readonly record struct ImageFile(string Path, int Label);
