namespace AlexNet.Data.Images;

/// <summary>
/// A file left out (<see cref="ImageFolderOptions.SkipUnreadable"/>) because it could not be read or decoded, or decoded
/// at another size than the dataset's images (<see cref="IsOtherSize"/>).
/// </summary>
public sealed class UnreadableImage
{
    internal UnreadableImage(string path, string reason, bool isOtherSize = false)
    {
        Path = path;
        Reason = reason;
        IsOtherSize = isOtherSize;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Why, as the decoder reported it.</summary>
    public string Reason { get; }

    /// <summary>
    /// True when the file is a readable image that decoded at another size than the dataset's images (a folder without
    /// <see cref="ImageDecodeOptions.CenterCrop"/> whose images differ in size); false when it could not be read or decoded.
    /// </summary>
    public bool IsOtherSize { get; }
}
