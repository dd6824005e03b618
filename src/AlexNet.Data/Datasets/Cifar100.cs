using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.IO;

namespace AlexNet.Data.Datasets;

/// <summary>
/// CIFAR-100, binary version: 50,000 training and 10,000 test colour images of 32 x 32 with a coarse (20 classes) and
/// a fine (100 classes) label. Reads the unpacked folder <c>cifar-100-binary/</c> (train.bin, test.bin) or, streaming
/// and without unpacking to disk, the official <c>cifar-100-binary.tar.gz</c>.
/// </summary>
/// <remarks>
/// A record is the coarse label byte, the fine label byte, then 3,072 pixel bytes as in CIFAR-10. Both label bytes
/// are checked; <see cref="Cifar100LabelKind"/> picks the one returned. Class names come from
/// <c>fine_label_names.txt</c> / <c>coarse_label_names.txt</c> when present.
/// </remarks>
public static class Cifar100
{
    /// <summary>The folder the archive unpacks to.</summary>
    public const string FolderName = "cifar-100-binary";

    /// <summary>The official download location of the archive (its file name is appended).</summary>
    public const string OfficialBaseUrl = "https://www.cs.toronto.edu/~kriz/";

    private const int CoarseByte = 0;
    private const int FineByte = 1;

    private static readonly CifarDefinition Definition = new(
        "CIFAR-100",
        FolderName,
        new FileChecksum("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8", null),
        ["train.bin"],
        ["test.bin"],
        [
            new CifarLabelByte(CoarseByte, "coarse label", 20, "coarse_label_names.txt", [
                "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables", "household_electrical_devices",
                "household_furniture", "insects", "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
                "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals",
                "trees", "vehicles_1", "vehicles_2"]),
            new CifarLabelByte(FineByte, "fine label", 100, "fine_label_names.txt", [
                "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
                "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
                "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
                "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
                "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain",
                "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck", "pine_tree",
                "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket",
                "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider",
                "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
                "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm"]),
        ],
        OfficialBaseUrl,
        nameof(Cifar100));

    /// <summary>The class names of <paramref name="labelKind"/>, index = label.</summary>
    public static IReadOnlyList<string> ClassesOf(Cifar100LabelKind labelKind) => Definition.LabelBytes[ByteOf(labelKind)].DefaultNames;

    /// <summary>The official archive's name and MD5.</summary>
    internal static FileChecksum Archive => Definition.Archive;

    /// <summary>The official archive's file name, <c>cifar-100-binary.tar.gz</c> (appended to <see cref="OfficialBaseUrl"/>).</summary>
    public static string ArchiveFileName => Definition.Archive.FileName;

    /// <summary>The published MD5 of the official archive (32 hexadecimal digits).</summary>
    public static string ArchiveMd5 => Definition.Archive.FileMd5!;

    /// <summary>Bytes per record: 2 label bytes + 3,072 pixel bytes.</summary>
    internal static int RecordLength => Definition.RecordLength;

    /// <summary>
    /// Reads <paramref name="split"/> from <paramref name="path"/>: the archive file, the unpacked folder, or a
    /// directory holding either. Images uint8 N x 3 x 32 x 32, labels int64 of <paramref name="labelKind"/>.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">Nothing is found (and <see cref="DatasetLoadOptions.Download"/> is off).</exception>
    /// <exception cref="DatasetFormatException">A file or the archive is malformed.</exception>
    /// <exception cref="DatasetChecksumException">The archive does not match its checksum.</exception>
    /// <exception cref="DatasetDownloadException">A download failed.</exception>
    public static ImageDataset Load(string path, DatasetSplit split, Cifar100LabelKind labelKind = Cifar100LabelKind.Fine, DatasetLoadOptions? options = null) =>
        CifarDatasetLoader.Load(Definition, path, split, ByteOf(labelKind), options);

    /// <summary>Reads <paramref name="split"/> from the unpacked folder <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, Cifar100LabelKind, DatasetLoadOptions?)" path="/exception"/>
    public static ImageDataset LoadFolder(string folder, DatasetSplit split, Cifar100LabelKind labelKind = Cifar100LabelKind.Fine, DatasetLoadOptions? options = null) =>
        CifarDatasetLoader.LoadFolder(Definition, folder, split, ByteOf(labelKind), options);

    /// <summary>Reads <paramref name="split"/> from the .tar.gz archive <paramref name="archive"/>, streaming, without unpacking it.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, Cifar100LabelKind, DatasetLoadOptions?)" path="/exception"/>
    public static ImageDataset LoadArchive(string archive, DatasetSplit split, Cifar100LabelKind labelKind = Cifar100LabelKind.Fine, DatasetLoadOptions? options = null) =>
        CifarDatasetLoader.LoadArchive(Definition, archive, split, ByteOf(labelKind), options);

    /// <summary>Downloads the archive into <paramref name="directory"/> (verified; an archive already there that verifies is kept).</summary>
    /// <param name="directory">Where to put <c>cifar-100-binary.tar.gz</c>.</param>
    /// <param name="options">Base URL and timeout; null for the official location.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static Task DownloadAsync(string directory, DatasetLoadOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetDownloader.DownloadDatasetAsync([Definition.Archive], directory, Definition.OfficialBaseUrl, options, progress, cancellationToken);

    private static int ByteOf(Cifar100LabelKind labelKind) => labelKind switch
    {
        Cifar100LabelKind.Fine => FineByte,
        Cifar100LabelKind.Coarse => CoarseByte,
        _ => throw new ArgumentOutOfRangeException(nameof(labelKind), labelKind, "Choose Fine or Coarse."),
    };
}
