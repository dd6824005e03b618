namespace AlexNet.Data.Images;

/// <summary>A file left out because it could not be decoded (<see cref="ImageFolderOptions.SkipUnreadable"/>).</summary>
public sealed class UnreadableImage
{
    internal UnreadableImage(string path, string reason)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Why, as the decoder reported it.</summary>
    public string Reason { get; }
}
