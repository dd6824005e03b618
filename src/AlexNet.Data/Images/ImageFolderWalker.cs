using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Linq;
using AlexNet.Core.IO;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Images;

/// <summary>
/// The file walk of <see cref="ImageFolder.Scan"/>: the class folders under the root and the image files in each,
/// recursively. Symbolic links to files are files; symbolic links to directories are followed only with
/// <see cref="ImageFolderOptions.FollowSymbolicLinks"/> (as Python's <c>os.walk(followlinks=...)</c>), and then each
/// real directory is entered at most once in the whole scan (the root and every class folder count as entered), so a
/// link loop or a <c>self -&gt; .</c> link neither repeats a class nor puts one image in two classes. Files whose
/// extension is not an image extension are counted as ignored; folders that cannot be listed are reported.
/// </summary>
internal sealed class ImageFolderWalker
{
    /// <summary>How many ignored files the scan names (all are counted).</summary>
    public const int MaxIgnoredExamples = 100;

    private readonly ImageFolderOptions _options;
    private readonly HashSet<string> _extensions;
    private readonly HashSet<string> _entered = new(StringComparer.Ordinal);

    public ImageFolderWalker(ImageFolderOptions options)
    {
        _options = options;
        _extensions = new HashSet<string>(options.Extensions, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The image files found, with their labels, in ordinal path order within each class.</summary>
    public List<ImageFile> Files { get; } = new();

    /// <summary>Folders (and class folders) left out because they cannot be listed (only with SkipUnreadable).</summary>
    public List<UnreadableImage> Unreadable { get; } = new();

    /// <summary>Files skipped because their extension is not an image extension.</summary>
    public long IgnoredCount { get; private set; }

    /// <summary>The first <see cref="MaxIgnoredExamples"/> ignored files, in the order met.</summary>
    public List<string> IgnoredExamples { get; } = new();

    /// <summary>The class folders directly under <paramref name="root"/>, sorted by ordinal name.</summary>
    /// <exception cref="DatasetAccessException">The root cannot be listed, or a class folder's name cannot be opened and skipping is off.</exception>
    public IReadOnlyList<string> FindClasses(string root)
    {
        var real = new List<string>();
        var links = new List<string>();
        foreach (Entry entry in List(root) ?? throw NotListable(root, new UnauthorizedAccessException("the root folder")))
        {
            string name = Path.GetFileName(entry.Path);
            if (name.Contains('\uFFFD', StringComparison.Ordinal) && FileStatus.Of(entry.Path, followLink: false).Kind == FileKind.Missing)
            {
                if (entry.IsDirectory)
                {
                    Refuse(entry.Path, ImageFileReader.NotUtf8("folder") + " (or set SkipUnreadable to leave it out)");
                }
            }
            else if (entry.IsLink ? _options.FollowSymbolicLinks && FileStatus.Of(entry.Path, followLink: true).Kind == FileKind.Directory : entry.IsDirectory)
            {
                (entry.IsLink ? links : real).Add(name);
            }
        }

        // A linked class folder counts only when it is neither the root nor a folder already a class (real folders first).
        var seen = new HashSet<string>(StringComparer.Ordinal) { FileStatus.Of(root, followLink: true).IdentityKey };
        seen.UnionWith(real.Select(n => FileStatus.Of(Path.Combine(root, n), followLink: true).IdentityKey));
        links.Sort(StringComparer.Ordinal);
        real.AddRange(links.Where(n => seen.Add(FileStatus.Of(Path.Combine(root, n), followLink: true).IdentityKey)));
        real.Sort(StringComparer.Ordinal);
        return real;
    }

    /// <summary>Walks every class folder; a class folder that is the root or another class's folder again is left empty.</summary>
    public void WalkClasses(string root, IReadOnlyList<string> classes)
    {
        Enter(root);
        var unique = classes.Select(c => Path.Combine(root, c)).Select(f => Enter(f) ? f : null).ToArray();
        for (int label = 0; label < classes.Count; label++)
        {
            if (unique[label] is string folder)
            {
                AddFolder(folder, label);
            }
        }
    }

    /// <summary>Walks one folder (not a class folder of a scan) and adds its image files with <paramref name="label"/>.</summary>
    public void WalkFolder(string folder, int label)
    {
        Enter(folder);
        AddFolder(folder, label);
    }

    private void AddFolder(string folder, int label)
    {
        var found = new List<ImageFile>();
        Walk(folder, label, found);
        Files.AddRange(found.OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    private void Walk(string top, int label, List<ImageFile> found)
    {
        var pending = new Stack<string>();
        pending.Push(top);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (Entry entry in List(folder) ?? new List<Entry>())
            {
                bool directory = entry.IsLink ? FileStatus.Of(entry.Path, followLink: true).Kind == FileKind.Directory : entry.IsDirectory;
                if (directory)
                {
                    // A link to a directory is entered only with FollowSymbolicLinks; any real directory only once.
                    if ((!entry.IsLink || _options.FollowSymbolicLinks) && Enter(entry.Path))
                    {
                        pending.Push(entry.Path);
                    }
                }
                else if (_extensions.Contains(Path.GetExtension(entry.Path)))
                {
                    found.Add(new ImageFile(entry.Path, label));
                }
                else
                {
                    IgnoredCount++;
                    if (IgnoredExamples.Count < MaxIgnoredExamples)
                    {
                        IgnoredExamples.Add(entry.Path);
                    }
                }
            }
        }
    }

    /// <summary>Marks the real directory at <paramref name="folder"/> entered; false when it was entered before.</summary>
    private bool Enter(string folder)
    {
        FileStatus status = FileStatus.Of(folder, followLink: true);
        return status.Kind != FileKind.Directory || _entered.Add(status.IdentityKey);
    }

    /// <summary>The entries of <paramref name="folder"/>, or null when it cannot be listed and skipping is on.</summary>
    private List<Entry>? List(string folder)
    {
        try
        {
            var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
            return new FileSystemEnumerable<Entry>(
                folder,
                (ref FileSystemEntry e) => new Entry(e.ToFullPath(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0),
                options).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            string problem = e switch
            {
                UnauthorizedAccessException => $"permission denied: this user may not list the folder ({e.Message})",
                DirectoryNotFoundException when Path.GetFileName(folder).Contains('\uFFFD', StringComparison.Ordinal) => ImageFileReader.NotUtf8("folder"),
                _ => $"the folder cannot be listed ({e.Message})",
            };
            Refuse(folder, problem, e);
            return null;
        }
    }

    private void Refuse(string path, string problem, Exception? inner = null)
    {
        if (!_options.SkipUnreadable)
        {
            throw new DatasetAccessException(path, problem + ".", inner);
        }

        Unreadable.Add(new UnreadableImage(path, problem));
    }

    private static DatasetAccessException NotListable(string root, Exception e) =>
        new(root, $"the image folder cannot be listed ({e.Message}).", e);

    private readonly record struct Entry(string Path, bool IsDirectory, bool IsLink);
}
