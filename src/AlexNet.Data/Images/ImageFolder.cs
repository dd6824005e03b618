using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using AlexNet.Core.Validation;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Images;

/// <summary>
/// A folder of the user's images with one sub-folder per class (torchvision's ImageFolder convention): the list of
/// files and labels, decoded on demand. Feed it to a <see cref="Loading.DataLoader"/> (which decodes each batch in
/// parallel through <see cref="ReadBatch"/>, with prefetch: for folders of any size) or, when the decoded images fit a
/// memory budget, load it once with <see cref="LoadIntoMemory"/> and give the loader the in-memory dataset.
/// </summary>
/// <remarks>
/// Files are found recursively under each class folder and kept in ordinal path order; files whose extension is not
/// in <see cref="ImageFolderOptions.Extensions"/> are ignored and counted (<see cref="IgnoredFileCount"/>). Each real
/// directory is searched once (see <see cref="ImageFolderOptions.FollowSymbolicLinks"/>). Nothing is decoded when the
/// dataset is created.
/// </remarks>
public sealed class ImageFolder : IImageDataset, IPerImageCopyDataset
{
    private readonly ImageFile[] _files;
    private readonly ConcurrentDictionary<string, UnreadableImage> _unreadable;
    private readonly Lazy<ImageSpec> _decodedSpec;

    private ImageFolder(
        string root, IReadOnlyList<string> classes, ImageFile[] files, ImageFolderOptions options, string name,
        ConcurrentDictionary<string, UnreadableImage> unreadable, (long Count, IReadOnlyList<string> Examples) ignored)
    {
        IgnoredFileCount = ignored.Count;
        IgnoredFiles = ignored.Examples;
        Root = root;
        Classes = classes;
        _files = files;
        Options = options;
        Name = name;
        _unreadable = unreadable;
        _decodedSpec = new Lazy<ImageSpec>(FindDecodedSpec, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The folder the classes are sub-folders of.</summary>
    public string Root { get; }

    /// <summary>The class names; label i names <c>Classes[i]</c>.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The image files and their labels, in dataset order.</summary>
    public IReadOnlyList<ImageFile> Files => _files;

    /// <summary>Number of files.</summary>
    public int Count => _files.Length;

    /// <inheritdoc />
    long IImageDataset.Count => _files.Length;

    /// <inheritdoc />
    /// <remarks>Without a crop, the first readable image is decoded to find it (see <see cref="DecodedBytes"/>).</remarks>
    long IImageDataset.Channels => DecodedSpec().Channels;

    /// <inheritdoc />
    /// <remarks>Without a crop, the first readable image is decoded to find it.</remarks>
    long IImageDataset.Height => DecodedSpec().Height;

    /// <inheritdoc />
    /// <remarks>Without a crop, the first readable image is decoded to find it.</remarks>
    long IImageDataset.Width => DecodedSpec().Width;

    /// <summary>The settings (a copy of those given).</summary>
    public ImageFolderOptions Options { get; }

    /// <summary>A short name for messages, such as "flowers" or "flowers (train 80%)".</summary>
    public string Name { get; }

    /// <summary>
    /// The files left out so far because they could not be decoded (only with
    /// <see cref="ImageFolderOptions.SkipUnreadable"/>), in path order. Shared by the dataset and the subsets and
    /// loaders made from it; it grows as files are met.
    /// </summary>
    public IReadOnlyList<UnreadableImage> Unreadable => _unreadable.Values.OrderBy(u => u.Path, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Files under the class folders skipped at the scan because their extension is not in
    /// <see cref="ImageFolderOptions.Extensions"/> (such as .txt or .svg files).
    /// </summary>
    public long IgnoredFileCount { get; }

    /// <summary>The first of the ignored files (at most 100; <see cref="IgnoredFileCount"/> counts them all), in the order met.</summary>
    public IReadOnlyList<string> IgnoredFiles { get; }

    /// <summary>
    /// Finds the classes and image files under <paramref name="root"/>. Symbolic links are handled as
    /// <see cref="ImageFolderOptions.FollowSymbolicLinks"/> says; nothing is decoded.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">The folder, a listed class folder, or any image is missing.</exception>
    /// <exception cref="DatasetAccessException">
    /// A folder cannot be listed (permission denied) or a class folder's name is not valid UTF-8, and skipping is off
    /// (with <see cref="ImageFolderOptions.SkipUnreadable"/> it is left out and listed in <see cref="Unreadable"/>).
    /// </exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public static ImageFolder Scan(string root, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        options = OptionsValidation.ThrowIfInvalid(new ImageFolderOptionsValidator(), options ?? new ImageFolderOptions()).Clone();
        string full = Path.GetFullPath(root);
        string how = "an image folder has one sub-folder per class, each holding that class's images (" + string.Join(" ", options.Extensions) + ")";
        if (!Directory.Exists(full))
        {
            throw new DatasetNotFoundException(full, new[] { "<class>/<image>" }, how);
        }

        var walker = new ImageFolderWalker(options);
        IReadOnlyList<string> classes = options.Classes?.ToArray() ?? walker.FindClasses(full);
        var missing = classes.Where(c => !Directory.Exists(Path.Combine(full, c))).ToArray();
        if (classes.Count == 0 || missing.Length > 0)
        {
            throw new DatasetNotFoundException(full, missing.Length > 0 ? missing.Select(c => c + "/").ToArray() : new[] { "<class>/" }, how);
        }

        walker.WalkClasses(full, classes);
        if (walker.Files.Count == 0)
        {
            throw new DatasetNotFoundException(full, classes.Select(c => $"{c}/*{options.Extensions[0]}").ToArray(), how + "; none was found");
        }

        var unreadable = new ConcurrentDictionary<string, UnreadableImage>(
            walker.Unreadable.Select(u => KeyValuePair.Create(u.Path, u)), StringComparer.Ordinal);
        var ignored = (walker.IgnoredCount, (IReadOnlyList<string>)walker.IgnoredExamples.ToArray());
        return new ImageFolder(full, classes, walker.Files.ToArray(), options, Path.GetFileName(full), unreadable, ignored);
    }

    /// <summary>
    /// Splits the files into a training and a validation part, class by class (each class keeps its share), with a
    /// seeded shuffle: the same seed gives the same split.
    /// </summary>
    /// <param name="validationFraction">Share of each class that goes to validation, in (0, 1); rounded per class.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is outside (0, 1).</exception>
    public (ImageFolder Train, ImageFolder Validation) Split(double validationFraction, long seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "validationFraction must lie in (0, 1).");
        }

        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var train = new List<ImageFile>();
        var validation = new List<ImageFile>();
        foreach (var group in _files.GroupBy(f => f.Label).OrderBy(g => g.Key))
        {
            ImageFile[] shuffled = group.ToArray();
            random.Shuffle(shuffled);
            int take = (int)Math.Round(shuffled.Length * validationFraction, MidpointRounding.AwayFromZero);
            validation.AddRange(shuffled.Take(take));
            train.AddRange(shuffled.Skip(take));
        }

        int percent = (int)Math.Round(validationFraction * 100);
        return (Subset(train.OrderBy(f => f.Path, StringComparer.Ordinal), $"{Name} (train {100 - percent}%)"),
                Subset(validation.OrderBy(f => f.Path, StringComparer.Ordinal), $"{Name} (validation {percent}%)"));
    }

    /// <summary>The dataset restricted to the files at <paramref name="indices"/>, in that order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public ImageFolder Select(IEnumerable<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var chosen = new List<ImageFile>();
        foreach (int i in indices)
        {
            if (i < 0 || i >= _files.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"{Name}: index must lie in [0, {_files.Length - 1}].");
            }

            chosen.Add(_files[i]);
        }

        return Subset(chosen, name ?? $"{Name} (subset of {chosen.Count})");
    }

    /// <summary>Decodes file <paramref name="index"/> into a uint8 tensor C x H x W (owned by the caller).</summary>
    /// <exception cref="ImageDecodeException">The file cannot be decoded (whatever <see cref="ImageFolderOptions.SkipUnreadable"/> says).</exception>
    internal Tensor DecodeImage(int index) => ImageDecoder.DecodeTensor(_files[index].Path, Options.Decode);

    /// <summary>
    /// The spec of the decoded images: uint8, <see cref="ImageDecodeOptions.Channels"/>, and the crop size, or (without
    /// a crop) the size of the first readable image, which every other image must then share. Found once, then kept.
    /// </summary>
    /// <exception cref="ImageDecodeException">No crop is set and no file can be decoded.</exception>
    internal ImageSpec DecodedSpec() => _decodedSpec.Value;

    /// <summary>
    /// Decodes the files at <paramref name="indices"/> in parallel into uint8 images N x C x H x W and int64 labels N,
    /// both owned by the caller. A file that cannot be decoded, or whose decoded size differs from the others', raises
    /// <see cref="ImageDecodeException"/>; with <see cref="ImageFolderOptions.SkipUnreadable"/> it is left out instead
    /// (so N may be smaller than <c>indices.Count</c>) and listed in <see cref="Unreadable"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    /// <exception cref="ImageDecodeException">A file cannot be decoded, or its size differs from the others', and skipping is off.</exception>
    public (Tensor Images, Tensor Labels) ReadBatch(IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return ImageFolderReader.Read(FilesAt(indices), DecodedSpec(), Options, Report);
    }

    /// <inheritdoc />
    (Tensor Images, Tensor Labels) IPerImageCopyDataset.ReadBatch(IReadOnlyList<long> indices, PerImageCopyPlan plan, Generator generator) =>
        ImageFolderReader.Read(FilesAt(indices), Options, Report, plan, generator);

    private ImageFile[] FilesAt(IReadOnlyList<long> indices)
    {
        var files = new ImageFile[indices.Count];
        for (int i = 0; i < files.Length; i++)
        {
            long index = indices[i];
            if (index < 0 || index >= _files.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"{Name}: index must lie in [0, {_files.Length - 1}].");
            }

            files[i] = _files[index];
        }

        return files;
    }

    private ImageSpec FindDecodedSpec()
    {
        ImageDecodeOptions decode = Options.Decode;
        if (decode.CenterCrop is int crop)
        {
            return new ImageSpec(ScalarType.Byte, decode.Channels, crop, crop);
        }

        ImageDecodeException? first = null;
        foreach (ImageFile file in _files)
        {
            try
            {
                DecodedImage image = ImageDecoder.Decode(file.Path, decode);
                return new ImageSpec(ScalarType.Byte, image.Channels, image.Height, image.Width);
            }
            catch (ImageDecodeException e) when (Options.SkipUnreadable)
            {
                first ??= e;
                Report(file, e);
            }
        }

        throw first ?? new ImageDecodeException(Root, "the dataset has no image");
    }

    /// <summary>Bytes the decoded images take as uint8 (Count x C x H x W); decodes one image when no crop is set.</summary>
    public long DecodedBytes()
    {
        ImageSpec spec = DecodedSpec();
        return _files.Length * spec.Channels * spec.Height * spec.Width;
    }

    /// <summary>
    /// Decodes every file (in parallel) into an in-memory <see cref="ImageDataset"/> of uint8 images, when they fit in
    /// <paramref name="memoryBudgetBytes"/>. Unreadable files are left out and reported when
    /// <see cref="ImageFolderOptions.SkipUnreadable"/> is set.
    /// </summary>
    /// <param name="memoryBudgetBytes">The most bytes the images may take.</param>
    /// <exception cref="InsufficientMemoryException">The decoded images would take more than the budget (nothing is decoded).</exception>
    /// <exception cref="ImageDecodeException">A file cannot be decoded, or its size differs from the others', and skipping is off.</exception>
    public ImageDataset LoadIntoMemory(long memoryBudgetBytes)
    {
        ImageSpec spec = DecodedSpec();
        long needed = Count * spec.Channels * spec.Height * spec.Width;
        if (needed > memoryBudgetBytes)
        {
            throw new InsufficientMemoryException(
                $"{Name}: {Count:N0} decoded images take {needed:N0} bytes, more than the budget of {memoryBudgetBytes:N0} bytes; "
                + "stream them with a DataLoader over the ImageFolder instead.");
        }

        long[] all = Enumerable.Range(0, _files.Length).Select(i => (long)i).ToArray();
        (Tensor images, Tensor labels) = ReadBatch(all);
        return ImageDataset.FromCheckedLabels(images, labels, Classes, Name); // a label is a class folder's index
    }

    private void Report(ImageFile file, ImageDecodeException e) => _unreadable.TryAdd(file.Path, new UnreadableImage(file.Path, e.Problem, e.IsOtherSize));

    private ImageFolder Subset(IEnumerable<ImageFile> files, string name) =>
        new(Root, Classes, files.ToArray(), Options, name, _unreadable, (IgnoredFileCount, IgnoredFiles));
}
