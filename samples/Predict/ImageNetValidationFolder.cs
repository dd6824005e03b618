using System.Globalization;
using AlexNet.Data.Images;

namespace AlexNet.Samples;

/// <summary>
/// An ImageNet validation folder in torchvision's ImageFolder layout: one folder per class holding its images (found by
/// <see cref="ImageFolder.Scan"/>: recursively, with its extensions and its handling of links). The folders are named either by class
/// index (0 to 999, any subset) or by WordNet id: then all 1000 must be there, and their ordinal sort order gives the
/// index, as torchvision's ImageFolder sorts them (n01440764 is 0, tench; n15075141 is 999, toilet tissue).
/// </summary>
internal sealed class ImageNetValidationFolder
{
    private ImageNetValidationFolder(IReadOnlyList<string> files, IReadOnlyList<int> labels, string layout)
    {
        Files = files;
        Labels = labels;
        Layout = layout;
    }

    /// <summary>The image files, in folder then path order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The class index of each file.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>How the folder names were read, for the report.</summary>
    public string Layout { get; }

    /// <summary>Reads the layout of <paramref name="root"/> for <paramref name="classes"/> classes.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">The class folders are named neither way; the message says what was found.</exception>
    /// <exception cref="AlexNet.Data.Datasets.DatasetException">The folder holds no image, or a folder cannot be listed (from <see cref="ImageFolder.Scan"/>).</exception>
    public static ImageNetValidationFolder Read(string root, int classes)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No folder {root}.");
        }

        string[] folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        Dictionary<string, int> index;
        string layout;
        if (folders.Length > 0 && folders.All(f => IsIndex(f, classes)))
        {
            index = folders.ToDictionary(f => f, f => int.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture), StringComparer.Ordinal);
            layout = "folders named by class index";
        }
        else if (folders.Length == classes)
        {
            index = folders.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
            layout = $"{classes} folders in sorted order ({folders[0]} = 0, ..., {folders[^1]} = {classes - 1})";
        }
        else
        {
            throw new InvalidDataException(
                $"{root} has {folders.Length} class folders; expected folders named by class index (0 to {classes - 1}) or all {classes} "
                + "WordNet-id folders of ImageNet's validation set (n01440764, ..., n15075141), as torchvision's ImageFolder reads it.");
        }

        // The library's scan lists the images (loop-safe with links, special files refused, names checked).
        ImageFolder set = ImageFolder.Scan(root, new ImageFolderOptions { Classes = folders });
        var files = new List<string>(set.Count);
        var labels = new List<int>(set.Count);
        foreach (ImageFile file in set.Files)
        {
            files.Add(file.Path);
            labels.Add(index[set.Classes[file.Label]]);
        }

        return new ImageNetValidationFolder(files, labels, layout);
    }

    private static bool IsIndex(string name, int classes) =>
        name.Length is > 0 and <= 4 && name.All(char.IsAsciiDigit) && (name == "0" || name[0] != '0')
        && int.Parse(name, NumberStyles.None, CultureInfo.InvariantCulture) < classes;
}
