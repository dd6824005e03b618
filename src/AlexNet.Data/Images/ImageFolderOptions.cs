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
    /// torchvision's ImageFolder; they are counted in <see cref="ImageFolder.IgnoredFileCount"/>. Default: .jpg .jpeg .png
    /// .bmp .webp .gif (the part of torchvision's list SkiaSharp decodes; a GIF gives its first frame).
    /// </summary>
    public IList<string> Extensions { get; set; } = new List<string> { ".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif" };

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

    /// <summary>
    /// Whether symbolic links to directories are followed when the folder is scanned (Python's
    /// <c>os.walk(followlinks=True)</c>). Default false: such links are neither classes nor searched, as
    /// <c>os.walk</c>'s default. Either way each real directory is searched at most once (a link loop ends) and a link
    /// back to the root or to another class's folder adds nothing; symbolic links to files are always read.
    /// </summary>
    public bool FollowSymbolicLinks { get; set; }

    /// <summary>Threads that decode a batch in parallel; 0 (default) uses one per processor.</summary>
    public int DecodeThreads { get; set; }

    /// <summary>A deep copy (the lists and decode options too).</summary>
    internal ImageFolderOptions Clone() => new()
    {
        Extensions = new List<string>(Extensions),
        Classes = Classes is null ? null : new List<string>(Classes),
        Decode = Decode.Clone(),
        SkipUnreadable = SkipUnreadable,
        FollowSymbolicLinks = FollowSymbolicLinks,
        DecodeThreads = DecodeThreads,
    };
}
