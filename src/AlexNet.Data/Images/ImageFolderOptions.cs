using System.Collections.Generic;

namespace AlexNet.Data.Images;

/// <summary>
/// Settings of an <see cref="ImageFolder"/>: which files count as images, the class list, how they are
/// decoded and what happens to a file that cannot be decoded. Validated when a folder is read.
/// </summary>
public sealed class ImageFolderOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "ImageFolder";

    /// <summary>
    /// File extensions (with the dot, compared case-insensitively) that are images; other files are ignored, as in
    /// torchvision's ImageFolder. Default: .jpg .jpeg .png .bmp .webp (the subset of torchvision's list SkiaSharp
    /// decodes, without .gif).
    /// </summary>
    public IList<string> Extensions { get; set; } = new List<string> { ".jpg", ".jpeg", ".png", ".bmp", ".webp" };

    /// <summary>
    /// The classes, in label order; each must be a sub-folder of the root. Null (default): every sub-folder, sorted
    /// by ordinal name (torchvision's convention).
    /// </summary>
    public IList<string>? Classes { get; set; }

    /// <summary>How the files are decoded.</summary>
    public ImageDecodeOptions Decode { get; set; } = new();

    /// <summary>
    /// Whether a file that cannot be decoded is left out (and reported in <see cref="ImageFolder.Unreadable"/>)
    /// instead of failing with <see cref="ImageDecodeException"/>. Default false.
    /// </summary>
    public bool SkipUnreadable { get; set; }

    /// <summary>Threads that decode a batch in parallel; 0 (default) uses one per processor.</summary>
    public int DecodeThreads { get; set; }

    /// <summary>A deep copy (the lists and decode options too).</summary>
    internal ImageFolderOptions Clone() => new()
    {
        Extensions = new List<string>(Extensions),
        Classes = Classes is null ? null : new List<string>(Classes),
        Decode = Decode.Clone(),
        SkipUnreadable = SkipUnreadable,
        DecodeThreads = DecodeThreads,
    };
}
