namespace AlexNet.Data.Images;

/// <summary>One image of a folder dataset: its path and its class label.</summary>
public sealed class ImageFile
{
    internal ImageFile(string path, int label)
    {
        Path = path;
        Label = label;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>The class index, into <see cref="ImageFolder.Classes"/>.</summary>
    public int Label { get; }
}
